// CLinux: Linux system calls and headers that `import Glibc` does not expose to Swift 6.3
// (epoll, eventfd, accept4 behind _GNU_SOURCE). Wrappers carry the CLinux_ prefix.
#ifndef CLINUX_H
#define CLINUX_H
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <signal.h>

int CLinux_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
#endif
