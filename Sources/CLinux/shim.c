// CLinux shims: accept4 is declared only under _GNU_SOURCE, which Swift's Glibc module does not define.
#define _GNU_SOURCE
#include <sys/socket.h>
#include "CLinux.h"

int CLinux_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags) {
    return accept4(fd, addr, len, flags);
}
