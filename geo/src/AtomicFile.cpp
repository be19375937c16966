#include <cunjing/geo/AtomicFile.h>

#include <unistd.h>

#include <filesystem>

namespace cunjing::geo {

Status writeAtomically(const std::string& path,
                       const std::function<Status(const std::string& tmp)>& write) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    fs::path folder = target.parent_path();
    if (folder.empty())
        folder = ".";
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return Error{path, "", "folder " + folder.string() + " does not exist; create it first"};
    if (fs::is_directory(target, ec))
        return Error{path, "", "is a folder; give a file name"};
    const fs::path tmp = folder / ("." + target.stem().string() + ".tmp-" +
                                   std::to_string(getpid()) + target.extension().string());
    fs::remove(tmp, ec);
    Status s = write(tmp.string());
    if (s) {
        fs::rename(tmp, target, ec);
        if (ec)
            s = Error{path, "", "cannot replace the file: " + ec.message()};
    }
    if (!s) {
        for (const char* suffix : {"", "-journal", "-wal", "-shm"})
            fs::remove(tmp.string() + suffix, ec);
    }
    return s;
}

}  // namespace cunjing::geo
