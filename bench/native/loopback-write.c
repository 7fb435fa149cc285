/*
 * Times write(2) of small messages to a loopback TCP socket whose reader is another process, which is
 * what a relay does ~100 times a second per call. Usage: loopback-write WRITES GAP_US BYTES MODE
 * MODE: "asleep" = the reader blocks in epoll_wait (an idle server: each write must wake it);
 *       "busy"   = the reader polls epoll_wait with a zero timeout (a loaded server: already running).
 * Prints one line per write: the write's duration in nanoseconds. Written in C, not Node, so the figure is
 * the system call and not the stream machinery around it (bench/loopback.bench.ts runs and summarises it).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void read_until_closed(int fd, int busy) {
  int ep = epoll_create1(0);
  struct epoll_event event = {.events = EPOLLIN, .data.fd = fd};
  epoll_ctl(ep, EPOLL_CTL_ADD, fd, &event);
  char buffer[65536];
  for (;;) {
    if (epoll_wait(ep, &event, 1, busy ? 0 : -1) <= 0) continue;
    if (read(fd, buffer, sizeof buffer) <= 0) return;
  }
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: loopback-write WRITES GAP_US BYTES asleep|busy\n");
    return 2;
  }
  int writes = atoi(argv[1]), gap_us = atoi(argv[2]), bytes = atoi(argv[3]);
  int busy = strcmp(argv[4], "busy") == 0;
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t length = sizeof address;
  if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 1) != 0) return 1;
  getsockname(listener, (struct sockaddr *)&address, &length);
  pid_t reader = fork();
  if (reader == 0) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) _exit(1);
    read_until_closed(fd, busy);
    _exit(0);
  }
  int fd = accept(listener, NULL, NULL);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  char *message = malloc(bytes);
  memset(message, 'a', bytes);
  long long start = now_ns();
  for (int i = 0; i < writes; i++) {
    long long due = start + (long long)(i + 1) * gap_us * 1000;
    while (now_ns() < due) usleep(gap_us / 4 + 1);
    long long before = now_ns();
    if (write(fd, message, bytes) != bytes) return 1;
    printf("%lld\n", now_ns() - before);
  }
  close(fd);
  waitpid(reader, NULL, 0);
  return 0;
}
