// cunjing-import-worker: reads one untrusted model file and writes it to stdout in the wire
// format (cunjing/models/Wire.h). Started by models::importModel, one process per file:
//
//   cunjing-import-worker --format glb --memory-bytes N --max-texture N --max-vertices N
//                         --max-triangles N -- <file>
//
// Exit 0 with the model on stdout; 2 with one reason line on stderr; 3 out of memory;
// 4 bad arguments. A crash or hang here is expected now and then (Assimp 5.2.5); the client
// reports it and carries on.

#include "AssimpReader.h"

#include <cunjing/models/Import.h>
#include <cunjing/models/Wire.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <new>
#include <string>

namespace {

using namespace cunjing;

std::atomic<bool> outOfMemory{false};

/// Says so on stderr first (async-safe write), so that a crash after a failed allocation is
/// still reported as running out of memory; then lets `new` throw.
void onOutOfMemory() {
    outOfMemory = true;
    const std::string_view line = models::kWorkerOutOfMemoryLine;
    [[maybe_unused]] ssize_t n = ::write(2, line.data(), line.size());
    n = ::write(2, "\n", 1);
    std::set_new_handler(nullptr);
    throw std::bad_alloc();
}

int reason(const std::string& text, int code = models::kWorkerFailed) {
    std::cerr << models::kWorkerReasonPrefix << text << std::endl;
    return code;
}

struct Arguments {
    std::string format;
    std::string file;
    std::uint64_t memoryBytes = 0;
    models::ImportLimits limits;
};

bool parseArguments(int argc, char** argv, Arguments& a) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--" && i + 2 == argc) {
            a.file = argv[i + 1];
            break;
        }
        if (i + 1 >= argc)
            return false;
        const std::string value = argv[++i];
        char* end = nullptr;
        const unsigned long long number = std::strtoull(value.c_str(), &end, 10);
        const bool numeric = !value.empty() && *end == '\0';
        if (arg == "--format")
            a.format = value;
        else if (arg == "--memory-bytes" && numeric)
            a.memoryBytes = number;
        else if (arg == "--max-texture" && numeric && number <= 1u << 20)
            a.limits.maxTextureSize = static_cast<std::uint32_t>(number);
        else if (arg == "--max-vertices" && numeric)
            a.limits.maxVertices = number;
        else if (arg == "--max-triangles" && numeric)
            a.limits.maxTriangles = number;
        else
            return false;
    }
    return !a.format.empty() && !a.file.empty();
}

/// The real stdout is kept for the model only; fd 1 becomes /dev/null so that a library
/// printing to stdout cannot corrupt the wire data.
int claimStdout() {
    const int out = ::fcntl(1, F_DUPFD_CLOEXEC, 3);
    const int devNull = ::open("/dev/null", O_WRONLY);
    if (devNull >= 0) {
        ::dup2(devNull, 1);
        ::close(devNull);
    }
    return out;
}

bool writeAll(int fd, const std::vector<std::uint8_t>& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

int run(const Arguments& a, int out) {
    // The whitelist again: the worker may be started by hand, or by something else.
    const Result<std::string> sniffed = models::sniffFormat(a.file);
    if (!sniffed)
        return reason(sniffed.errors().front().message);
    if (sniffed.value() != a.format)
        return reason("it was sniffed as " + sniffed.value() + ", not " + a.format);
    Result<models::ImportedModel> model = worker::readModel(a.file, a.format, a.limits);
    if (outOfMemory)
        return models::kWorkerOutOfMemory;
    if (!model)
        return reason(model.errors().front().message);
    if (!writeAll(out, models::encodeModel(model.value())))
        return reason("the model could not be sent back");
    return models::kWorkerOk;
}

}  // namespace

int main(int argc, char** argv) {
    Arguments a;
    if (!parseArguments(argc, argv, a))
        return reason(
            "usage: cunjing-import-worker --format EXT [--memory-bytes N] "
            "[--max-texture N] [--max-vertices N] [--max-triangles N] -- FILE",
            models::kWorkerBadUsage);
    // Limits first, before any parser runs (the client sets them too; this covers a worker
    // started by hand). No core files: a crash on a hostile model is routine here.
    const rlimit core{0, 0};
    ::setrlimit(RLIMIT_CORE, &core);
    if (a.memoryBytes > 0) {
        const rlimit as{static_cast<rlim_t>(a.memoryBytes), static_cast<rlim_t>(a.memoryBytes)};
        ::setrlimit(RLIMIT_AS, &as);
    }
    std::set_new_handler(onOutOfMemory);
    const int out = claimStdout();
    if (out < 0)
        return reason("stdout is not usable");
    try {
        return run(a, out);
    } catch (const std::bad_alloc&) {
        return models::kWorkerOutOfMemory;
    } catch (const std::exception& e) {
        return reason(std::string("the importer failed: ") + e.what());
    }
}
