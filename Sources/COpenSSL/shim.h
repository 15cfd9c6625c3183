// COpenSSL: system OpenSSL 3 for the TLS sessions in EventServer.
// Only what Swift cannot import directly is wrapped here (function-like macros); names carry the module prefix.
#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/pem.h>
#endif
