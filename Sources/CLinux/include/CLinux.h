// CLinux: Linux system calls and headers that `import Glibc` does not expose to Swift 6.3
// (epoll, eventfd, accept4 behind _GNU_SOURCE), plus the few constants Glibc imports as enum cases.
// Wrappers carry the CLinux_ prefix so a Swift reader can tell a shim from the real API.
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
#include <spawn.h>
#include <stdint.h>

// MARK: hidden behind _GNU_SOURCE
int CLinux_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
// Names the calling thread (15 bytes at most) for `top -H` and debuggers.
void CLinux_setThreadName(const char *name);
// pipe2(fds, O_CLOEXEC): a pipe no child process inherits unless it is dup2'ed onto one of its own descriptors.
int CLinux_pipeCloexec(int fds[2]);
// posix_spawn_file_actions_addclosefrom_np: the child closes every descriptor >= lowest before it runs.
int CLinux_spawnActionsCloseFrom(posix_spawn_file_actions_t *actions, int lowest);

// MARK: constants Glibc imports as `__socket_type` / `EPOLL_EVENTS` enum cases; plain ints read better in Swift.
extern const int CLinux_SOCK_STREAM;
extern const int CLinux_SOCK_NONBLOCK;
extern const int CLinux_SOCK_CLOEXEC;
extern const uint32_t CLinux_EPOLLIN;
extern const uint32_t CLinux_EPOLLOUT;
extern const uint32_t CLinux_EPOLLERR;
extern const uint32_t CLinux_EPOLLHUP;
extern const uint32_t CLinux_EPOLLRDHUP;

// MARK: signals
// Installs a SIGTERM/SIGINT handler that writes 1 to `eventfd` (write(2) is async-signal-safe), so an event
// loop sees termination as an ordinary readable fd. Returns 0, or -1 with errno set.
int CLinux_notifyOnTermination(int eventfd);
// Ignores SIGPIPE for the whole process: a write to a reset socket must return EPIPE, not kill us.
void CLinux_ignoreSIGPIPE(void);
#endif
