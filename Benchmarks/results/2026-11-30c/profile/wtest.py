import os, sys, time, resource
mode = sys.argv[1]; path = "/tmp/bf-prof/w.bin"
try: os.unlink(path)
except FileNotFoundError: pass
buf = os.urandom(1 << 20)
r0 = resource.getrusage(resource.RUSAGE_SELF); t = time.perf_counter()
if mode == "reopen":
    for i in range(1024):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600); os.fstat(fd); os.pwrite(fd, buf, i << 20); os.close(fd)
    fd = os.open(path, os.O_RDONLY); os.fsync(fd); os.close(fd)
else:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    for i in range(1024): os.write(fd, buf)
    os.fsync(fd); os.close(fd)
r1 = resource.getrusage(resource.RUSAGE_SELF)
print(mode, f"{time.perf_counter()-t:.2f}s sys {r1.ru_stime-r0.ru_stime:.2f} user {r1.ru_utime-r0.ru_utime:.2f}")
os.unlink(path)
