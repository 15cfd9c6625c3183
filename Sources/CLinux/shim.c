// CLinux shims: accept4, pipe2 and the spawn closefrom action are declared only under _GNU_SOURCE, which
// Swift's Glibc module does not define;
// the signal handler must be C because it may only call async-signal-safe functions.
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <pthread.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/socket.h>
#include "CLinux.h"

#ifndef _GNU_SOURCE
#error "accept4 needs _GNU_SOURCE"
#endif
_Static_assert(sizeof(struct epoll_event) == 12, "x86_64 epoll_event is packed; Swift reads it as 12 bytes");

int CLinux_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags) {
    return accept4(fd, addr, len, flags);
}

void CLinux_setThreadName(const char *name) {
    pthread_setname_np(pthread_self(), name);
}

int CLinux_pipeCloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}

int CLinux_spawnActionsCloseFrom(posix_spawn_file_actions_t *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}

const int CLinux_SOCK_STREAM = SOCK_STREAM;
const int CLinux_SOCK_NONBLOCK = SOCK_NONBLOCK;
const int CLinux_SOCK_CLOEXEC = SOCK_CLOEXEC;
const uint32_t CLinux_EPOLLIN = EPOLLIN;
const uint32_t CLinux_EPOLLOUT = EPOLLOUT;
const uint32_t CLinux_EPOLLERR = EPOLLERR;
const uint32_t CLinux_EPOLLHUP = EPOLLHUP;
const uint32_t CLinux_EPOLLRDHUP = EPOLLRDHUP;

// The fd the handler writes to; -1 until installed. Written once before the handler is installed.
static volatile int terminationFD = -1;

static void onTermination(int signo) {
    (void)signo;
    int saved = errno;
    uint64_t one = 1;
    if (terminationFD >= 0) {
        ssize_t ignored = write(terminationFD, &one, sizeof one);
        (void)ignored;
    }
    errno = saved;
}

int CLinux_notifyOnTermination(int eventfd) {
    terminationFD = eventfd;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = onTermination;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGTERM, &sa, NULL) != 0) return -1;
    if (sigaction(SIGINT, &sa, NULL) != 0) return -1;
    return 0;
}

void CLinux_ignoreSIGPIPE(void) {
    signal(SIGPIPE, SIG_IGN);
}
