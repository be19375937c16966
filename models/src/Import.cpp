// Runs `cunjing-import-worker` on one file and turns whatever it does (a model, a clean
// failure, a crash, a hang, running out of memory, garbage) into a Result. The worker is a
// child process because Assimp 5.2.5 segfaults, aborts and hangs on malformed input
// (docs: reliability-and-performance.md); nothing it does may take the caller down.

#include <cunjing/models/Import.h>
#include <cunjing/models/Wire.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace cunjing::models {

namespace {

using Clock = std::chrono::steady_clock;

/// The worker's stderr is kept for its reason line only; a chatty or hostile worker cannot
/// grow it past this (the tail is kept, where the reason is).
constexpr std::size_t kMaxStderr = 64 * 1024;

/// "2 GB", "512 MB".
std::string memoryText(std::uint64_t bytes) {
    constexpr std::uint64_t gb = 1ull << 30, mb = 1ull << 20;
    if (bytes >= gb && bytes % gb == 0)
        return std::to_string(bytes / gb) + " GB";
    return std::to_string((bytes + mb / 2) / mb) + " MB";
}

std::string secondsText(double seconds) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g s", seconds);
    return buffer;
}

/// One line: control characters become spaces, runs of spaces collapse, long text is cut.
std::string oneLine(std::string_view text, std::size_t maxLength = 300) {
    std::string out;
    for (char c : text) {
        const bool space = static_cast<unsigned char>(c) < 0x20 || c == 0x7F || c == ' ';
        if (space) {
            if (!out.empty() && out.back() != ' ')
                out += ' ';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    if (out.size() > maxLength)
        out = out.substr(0, maxLength) + "...";
    return out;
}

/// The worker's reason line (the last "cunjing-import-worker: " line), else its last line.
std::string reasonFromStderr(const std::string& err) {
    std::string last, marked;
    std::size_t start = 0;
    while (start < err.size()) {
        std::size_t end = err.find('\n', start);
        if (end == std::string::npos)
            end = err.size();
        const std::string_view line(err.data() + start, end - start);
        if (line.starts_with(kWorkerReasonPrefix))
            marked = line.substr(kWorkerReasonPrefix.size());
        if (!oneLine(line).empty())
            last = line;
        start = end + 1;
    }
    return oneLine(marked.empty() ? last : marked);
}

std::string signalText(int sig) {
    switch (sig) {
        case SIGSEGV:
            return "segmentation fault";
        case SIGBUS:
            return "bus error";
        case SIGABRT:
            return "abort";
        case SIGFPE:
            return "floating-point exception";
        case SIGILL:
            return "illegal instruction";
        default:
            return "signal " + std::to_string(sig);
    }
}

/// Closes a descriptor once; -1 means closed.
void closeFd(int& fd) {
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

/// What the child did, as read by the parent.
struct Outcome {
    std::vector<std::uint8_t> out;
    std::string err;
    int status = 0;
    bool timedOut = false;
    bool tooMuchOutput = false;
    std::string internal;  ///< a failure of ours (fork, pipe, poll), not the worker's
};

/// The fork/exec half. Between fork and exec only async-signal-safe calls: the caller may
/// have other threads (the viewer imports on worker threads).
pid_t spawnWorker(const std::string& worker, std::vector<std::string>& args,
                  const ImportLimits& limits, int outPipe[2], int errPipe[2], int devNull) {
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const rlimit as{static_cast<rlim_t>(limits.addressSpaceBytes),
                    static_cast<rlim_t>(limits.addressSpaceBytes)};
    const rlimit core{0, 0};
    // A CPU limit a little over the wall-clock one: a backstop that ends a spinning worker
    // even if this process dies before it can send SIGKILL.
    const auto cpu = static_cast<rlim_t>(std::ceil(limits.seconds)) + 2;
    const rlimit cpuLimit{cpu, cpu + 1};
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid != 0)
        return pid;
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent)
        ::_exit(127);
    ::setrlimit(RLIMIT_AS, &as);
    ::setrlimit(RLIMIT_CORE, &core);
    ::setrlimit(RLIMIT_CPU, &cpuLimit);
    ::dup2(devNull, 0);
    ::dup2(outPipe[1], 1);
    ::dup2(errPipe[1], 2);
    ::close_range(3, ~0u, 0);
    ::execv(worker.c_str(), argv.data());
    ::_exit(127);
}

/// Reads both pipes until they close, the deadline passes or the output grows past `cap`.
void drainPipes(int& outFd, int& errFd, Clock::time_point deadline, std::uint64_t cap, Outcome& o) {
    std::vector<std::uint8_t> buffer(64 * 1024);
    while (outFd >= 0 || errFd >= 0) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            o.timedOut = true;
            return;
        }
        pollfd fds[2] = {{outFd, POLLIN, 0}, {errFd, POLLIN, 0}};
        const int ready = ::poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 1000)));
        if (ready < 0 && errno != EINTR) {
            o.internal = std::string("poll failed: ") + std::strerror(errno);
            return;
        }
        for (int i = 0; i < 2 && ready > 0; ++i) {
            int& fd = i == 0 ? outFd : errFd;
            if (fd < 0 || fds[i].revents == 0)
                continue;
            const ssize_t n = ::read(fd, buffer.data(), buffer.size());
            if (n < 0 && (errno == EINTR || errno == EAGAIN))
                continue;
            if (n <= 0) {
                closeFd(fd);
                continue;
            }
            if (i == 0) {
                o.out.insert(o.out.end(), buffer.begin(), buffer.begin() + n);
            } else {
                o.err.append(reinterpret_cast<const char*>(buffer.data()),
                             static_cast<std::size_t>(n));
                if (o.err.size() > kMaxStderr)
                    o.err.erase(0, o.err.size() - kMaxStderr);
            }
        }
        if (o.out.size() > cap) {
            o.tooMuchOutput = true;
            return;
        }
    }
}

/// waitpid that survives EINTR; with `block` false, 0 while the child still runs.
pid_t waitFor(pid_t pid, int& status, bool block) {
    for (;;) {
        const pid_t r = ::waitpid(pid, &status, block ? 0 : WNOHANG);
        if (r >= 0 || errno != EINTR)
            return r;
    }
}

/// Reaps the child: by the deadline, or after SIGKILL. Never leaves a zombie.
void reap(pid_t pid, Clock::time_point deadline, bool kill, Outcome& o) {
    if (!kill) {
        // Both pipes are closed; a worker that shut them and kept running still has until
        // the deadline.
        while (waitFor(pid, o.status, false) == 0) {
            if (Clock::now() >= deadline) {
                o.timedOut = true;
                kill = true;
                break;
            }
            ::usleep(2000);
        }
        if (!kill)
            return;
    }
    ::kill(pid, SIGKILL);
    waitFor(pid, o.status, true);
}

Outcome runWorker(const std::string& worker, std::vector<std::string> args,
                  const ImportLimits& limits) {
    Outcome o;
    int outPipe[2] = {-1, -1}, errPipe[2] = {-1, -1};
    if (::pipe2(outPipe, O_CLOEXEC) != 0 || ::pipe2(errPipe, O_CLOEXEC) != 0) {
        o.internal = std::string("cannot make a pipe: ") + std::strerror(errno);
        for (int* fd : {&outPipe[0], &outPipe[1], &errPipe[0], &errPipe[1]})
            closeFd(*fd);
        return o;
    }
    int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    const Clock::time_point deadline =
        Clock::now() + std::chrono::milliseconds(static_cast<long long>(limits.seconds * 1000));
    const pid_t pid = spawnWorker(worker, args, limits, outPipe, errPipe, devNull);
    closeFd(outPipe[1]);
    closeFd(errPipe[1]);
    closeFd(devNull);
    if (pid < 0) {
        o.internal = std::string("cannot start the import worker: ") + std::strerror(errno);
        closeFd(outPipe[0]);
        closeFd(errPipe[0]);
        return o;
    }
    // The worker cannot legitimately send more than its whole address space.
    drainPipes(outPipe[0], errPipe[0], deadline, limits.addressSpaceBytes, o);
    const bool kill = o.timedOut || o.tooMuchOutput || !o.internal.empty();
    closeFd(outPipe[0]);
    closeFd(errPipe[0]);
    reap(pid, deadline, kill, o);
    return o;
}

/// The one-line reason for an outcome that is not a model.
std::string failureReason(const Outcome& o, const ImportLimits& limits) {
    const std::string outOfMemory =
        "the importer ran out of memory (limit " + memoryText(limits.addressSpaceBytes) + ")";
    const bool sawOutOfMemory = o.err.find(kWorkerOutOfMemoryLine) != std::string::npos;
    if (o.timedOut)
        return "the importer ran past the " + secondsText(limits.seconds) +
               " limit and was stopped";
    if (o.tooMuchOutput)
        return "the importer sent back more than " + memoryText(limits.addressSpaceBytes);
    if (WIFSIGNALED(o.status)) {
        const int sig = WTERMSIG(o.status);
        if (sig == SIGXCPU)
            return "the importer ran past the " + secondsText(limits.seconds) +
                   " limit and was stopped";
        // SIGKILL we did not send is the kernel's OOM killer.
        if (sawOutOfMemory || sig == SIGKILL)
            return outOfMemory;
        return "the importer crashed (" + signalText(sig) + ") while reading it";
    }
    const int code = WEXITSTATUS(o.status);
    const std::string reason = reasonFromStderr(o.err);
    if (code == kWorkerOutOfMemory || (sawOutOfMemory && code != kWorkerFailed))
        return outOfMemory;
    if (code == kWorkerFailed)
        return reason.empty() ? "the importer could not read it" : reason;
    // The dynamic loader could not even map the worker's libraries under the limit.
    const bool cannotMap = o.err.find("failed to map segment") != std::string::npos ||
                           o.err.find("Cannot allocate memory") != std::string::npos;
    if (code == 127 && cannotMap)
        return outOfMemory;
    if (code == 127)
        return "the import worker could not be started" + (reason.empty() ? "" : ": " + reason);
    return "the importer failed (exit code " + std::to_string(code) + ")" +
           (reason.empty() ? "" : ": " + reason);
}

}  // namespace

std::filesystem::path workerPath() {
    if (const char* env = std::getenv("CUNJING_IMPORT_WORKER"); env && *env)
        return env;
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return (ec ? std::filesystem::path(".") : self.parent_path()) / "cunjing-import-worker";
}

Result<ImportedModel> importModel(const std::filesystem::path& file, const ImportLimits& limits) {
    const std::string path = file.string();
    Result<std::string> format = sniffFormat(file);
    if (!format)
        return Result<ImportedModel>::failure(format.errors());
    const std::filesystem::path worker = workerPath();
    if (::access(worker.c_str(), X_OK) != 0)
        return Error{path, "", "the import worker is missing (" + worker.string() + ")"};
    std::vector<std::string> args = {worker.string(),
                                     "--format",
                                     format.value(),
                                     "--memory-bytes",
                                     std::to_string(limits.addressSpaceBytes),
                                     "--max-texture",
                                     std::to_string(limits.maxTextureSize),
                                     "--max-vertices",
                                     std::to_string(limits.maxVertices),
                                     "--max-triangles",
                                     std::to_string(limits.maxTriangles),
                                     "--",
                                     std::filesystem::absolute(file).string()};
    const Outcome o = runWorker(worker.string(), std::move(args), limits);
    if (!o.internal.empty())
        return Error{path, "", o.internal};
    if (o.timedOut || o.tooMuchOutput || !WIFEXITED(o.status) || WEXITSTATUS(o.status) != kWorkerOk)
        return Error{path, "", failureReason(o, limits)};
    Result<ImportedModel> model = decodeModel(o.out, limits);
    if (!model)
        return Error{path, "", model.errors().front().message};
    return model;
}

}  // namespace cunjing::models
