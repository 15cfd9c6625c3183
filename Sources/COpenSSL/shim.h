// COpenSSL: system OpenSSL 3 for the TLS sessions in EventServer.
// Only what Swift cannot import directly is wrapped here; every name carries the COpenSSL_ prefix so a Swift reader
// can tell a shim from the real API. Plain functions (SSL_new, SSL_read_ex, SSL_get_error...) are used as they are.
#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
#include <stdint.h>
#include <openssl/opensslv.h>
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
#include <openssl/bn.h>

// MARK: - Version check
// The wrappers below rely on OpenSSL 3.0 semantics (uint64_t options, SSL_OP_IGNORE_UNEXPECTED_EOF, SSL_read_ex).
#if OPENSSL_VERSION_NUMBER < 0x30000000L
#error "COpenSSL needs OpenSSL 3.0 or newer (Debian 12: apt install libssl-dev)"
#endif

// MARK: - Option bits
// SSL_OP_* are built with the function-like macro SSL_OP_BIT(n), which the Swift importer cannot expand.
static const uint64_t COpenSSL_SSL_OP_NO_RENEGOTIATION = SSL_OP_NO_RENEGOTIATION;
static const uint64_t COpenSSL_SSL_OP_NO_TICKET = SSL_OP_NO_TICKET;
static const uint64_t COpenSSL_SSL_OP_NO_COMPRESSION = SSL_OP_NO_COMPRESSION;
static const uint64_t COpenSSL_SSL_OP_IGNORE_UNEXPECTED_EOF = SSL_OP_IGNORE_UNEXPECTED_EOF;
static const uint64_t COpenSSL_SSL_OP_CIPHER_SERVER_PREFERENCE = SSL_OP_CIPHER_SERVER_PREFERENCE;

// MARK: - SSL_CTX_ctrl macro wrappers
// These "functions" are macros over SSL_CTX_ctrl in OpenSSL 3.0, so Swift does not see them.

static inline int COpenSSL_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}

static inline int COpenSSL_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_max_proto_version(ctx, version);
}

static inline long COpenSSL_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}

static inline long COpenSSL_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_session_cache_mode(ctx, mode);
}

static inline int COpenSSL_SSL_CTX_set1_groups_list(SSL_CTX *ctx, const char *list) {
    return (int)SSL_CTX_set1_groups_list(ctx, list);
}

// MARK: - SSL_ctrl / BIO_ctrl macro wrappers
// Also macros over *_ctrl; used by the in-process test client (SNI) and to read a memory BIO.

static inline int COpenSSL_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

static inline long COpenSSL_BIO_get_mem_data(BIO *bio, const char **data) {
    return BIO_get_mem_data(bio, data);
}

// MARK: - Allocation macro
// OPENSSL_free passes __FILE__/__LINE__ to CRYPTO_free; strings from BN_bn2hex and X509_NAME_oneline go back here.

static inline void COpenSSL_OPENSSL_free(void *pointer) {
    OPENSSL_free(pointer);
}

#endif
