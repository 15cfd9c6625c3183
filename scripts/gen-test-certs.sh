#!/usr/bin/env bash
# usage: scripts/gen-test-certs.sh OUTDIR
# Makes throw-away TLS material for tests and local runs (never commit it; certs/ is in .gitignore):
#   ca.pem ca.key              a test CA (EC P-256, 90 days); give ca.pem to curl --cacert / openssl -CAfile
#   server.pem server.key      leaf for localhost and 127.0.0.1 signed by the CA (90 days, Mozilla's advice)
#   server2.pem server2.key    a second such leaf (other key and serial), for reload tests
#   expired.pem expired.key    a leaf whose validity ended in 2020
# A mismatched pair is server.pem with server2.key. Needs only the openssl CLI; takes well under a second.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
out=$1
mkdir -p "$out"
cd "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

newkey() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; chmod 600 "$1"; }

cat >"$work/leaf.ext" <<'EXT'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
EXT

newkey ca.key
openssl req -x509 -new -key ca.key -sha256 -days 90 -subj "/CN=Byline Test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem

for name in server server2; do
    newkey "$name.key"
    openssl req -new -key "$name.key" -subj "/CN=localhost" -out "$work/$name.csr"
    openssl x509 -req -in "$work/$name.csr" -CA ca.pem -CAkey ca.key -set_serial "0x$(openssl rand -hex 8)" \
        -days 90 -sha256 -extfile "$work/leaf.ext" -out "$name.pem" 2>/dev/null
done

# `openssl x509` cannot back-date (3.0 has no -not_after), so the expired leaf goes through `openssl ca`.
newkey expired.key
openssl req -new -key expired.key -subj "/CN=localhost" -out "$work/expired.csr"
touch "$work/index.txt"
openssl rand -hex 8 >"$work/serial"
cat >"$work/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = anything
unique_subject = no
[anything]
commonName = supplied
CNF
openssl ca -batch -notext -config "$work/ca.cnf" -cert ca.pem -keyfile ca.key -in "$work/expired.csr" \
    -startdate 20200101000000Z -enddate 20200201000000Z -extfile "$work/leaf.ext" -out expired.pem 2>/dev/null

echo "test certificates in $(pwd): ca.pem server.pem/.key server2.pem/.key expired.pem/.key"
