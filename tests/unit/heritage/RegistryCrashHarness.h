#pragma once
/// kill -9 rounds against a register, shared by RegistryCrashTest and
/// bench/RegistryCrashBench. A forked child edits (insert, update, delete, and now and then a
/// batch import) and, after each commit returns, appends an acknowledgement to a side file
/// with fsync. The parent kills it at a random moment, reopens the register and checks that
/// every acknowledged edit is there, that an import is all or nothing, and integrity_check.
/// Header-only so the bench needs no test library.

#include <cunjing/heritage/Registry.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace cunjing::heritage::crash {

struct RoundResult {
    int acknowledged = 0;  ///< edits the child saw committed
    int lost = 0;          ///< acknowledged edits missing after the kill
    bool integrityOk = true;
    std::string problem;  ///< first problem, for the test's message
};

/// The register's state as the check sees it: id -> age_years (the edit's version).
using State = std::map<std::string, int>;

inline State readState(Registry& registry) {
    State state;
    auto trees = registry.trees();
    if (trees.ok())
        for (const auto& t : trees.value())
            state[t.id] = t.ageYears.value_or(-1);
    return state;
}

inline TreeRecord treeWith(const std::string& id, int version) {
    TreeRecord t;
    t.id = id;
    t.speciesCn = "榕树";
    t.latinName = "Ficus microcarpa";
    t.town = "大旗头村";
    t.lon = 113.0 + (version % 1000) * 1e-4;
    t.lat = 23.1;
    t.ageYears = version;
    t.crownEwM = 20;
    t.crownNsM = 16;
    t.story = std::string(200, 'x');  // a realistic row size, so commits are not trivially small
    return t;
}

/// One line per step: "B <op> <id> <value>" before an edit, "A" after its commit returned.
/// op: I insert, U update, D delete, M import of <value> records "<id>-<k>".
class AckLog {
public:
    explicit AckLog(const std::string& path)
        : fd_(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644)) {}
    ~AckLog() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    void begin(char op, const std::string& id, int value) {
        put("B " + std::string(1, op) + " " + id + " " + std::to_string(value) + "\n", false);
    }
    /// fsync after the commit returned: the acknowledgement is as durable as the edit.
    void acknowledge() { put("A\n", true); }

private:
    void put(const std::string& line, bool sync) {
        if (::write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size()))
            _exit(3);
        if (sync)
            ::fsync(fd_);
    }
    int fd_;
};

/// The child: edits until killed. Never returns.
[[noreturn]] inline void editForever(const std::string& path, const std::string& logPath,
                                     unsigned seed, bool imports) {
    std::mt19937 rng(seed);
    auto opened = Registry::open(path, {.actor = "crash-child", .rules = {}});
    if (!opened)
        _exit(2);
    Registry& registry = opened.value();
    State state = readState(registry);
    std::vector<std::string> ids;
    for (const auto& [id, v] : state)
        ids.push_back(id);
    AckLog log(logPath);
    for (int i = 0; i < 1000000; ++i) {
        const int dice = static_cast<int>(rng() % 100);
        const int version = static_cast<int>(seed % 1000) * 1000 + i % 1000;
        if (imports && dice < 10) {
            const std::string prefix = "imp" + std::to_string(seed) + "_" + std::to_string(i);
            std::vector<TreeRecord> batch;
            for (int k = 0; k < 200; ++k)
                batch.push_back(treeWith(prefix + "-" + std::to_string(k), version));
            log.begin('M', prefix, static_cast<int>(batch.size()));
            if (!registry.importBatch(batch, false))
                _exit(4);
            log.acknowledge();
            for (const auto& t : batch)
                ids.push_back(t.id);
        } else if (ids.empty() || dice < 60) {
            const std::string id = "t" + std::to_string(seed) + "_" + std::to_string(i);
            log.begin('I', id, version);
            if (!registry.insert(treeWith(id, version)))
                _exit(4);
            log.acknowledge();
            ids.push_back(id);
        } else {
            const std::size_t pick = rng() % ids.size();
            const std::string id = ids[pick];
            if (dice < 90) {
                log.begin('U', id, version);
                if (!registry.update(treeWith(id, version)))
                    _exit(4);
            } else {
                log.begin('D', id, 0);
                if (!registry.removeTree(id))
                    _exit(4);
                ids.erase(ids.begin() + static_cast<std::ptrdiff_t>(pick));
            }
            log.acknowledge();
        }
    }
    _exit(0);
}

struct Step {
    char op = 0;
    std::string id;
    int value = 0;
    bool acknowledged = false;
};

/// Complete lines only: a line cut by the kill was never followed by an edit.
inline std::vector<Step> readLog(const std::string& logPath) {
    std::ifstream in(logPath);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<Step> steps;
    std::size_t start = 0;
    for (std::size_t nl; (nl = content.find('\n', start)) != std::string::npos; start = nl + 1) {
        const std::string line = content.substr(start, nl - start);
        if (line == "A" && !steps.empty()) {
            steps.back().acknowledged = true;
        } else if (line.size() > 2 && line[0] == 'B') {
            std::istringstream fields(line.substr(2));
            Step s;
            fields >> s.op >> s.id >> s.value;
            steps.push_back(s);
        }
    }
    return steps;
}

inline void applyStep(State& state, const Step& s) {
    if (s.op == 'I' || s.op == 'U')
        state[s.id] = s.value;
    else if (s.op == 'D')
        state.erase(s.id);
    else if (s.op == 'M')
        for (int k = 0; k < s.value; ++k)
            state[s.id + "-" + std::to_string(k)] = -2;  // any version: checked for presence
}

/// Counts acknowledged records that differ, allowing the one edit in flight at the kill
/// to have committed or not (its acknowledgement may simply not have been written yet).
inline int countLost(const State& before, const std::vector<Step>& steps, const State& actual,
                     std::string& problem) {
    State expected = before;
    std::optional<Step> inFlight;
    for (const auto& s : steps) {
        if (s.acknowledged)
            applyStep(expected, s);
        else
            inFlight = s;
    }
    State withInFlight = expected;
    if (inFlight)
        applyStep(withInFlight, *inFlight);
    const auto matches = [](const State& want, const State& got, const std::string& id) {
        const auto w = want.find(id), g = got.find(id);
        if (w == want.end() || g == got.end())
            return (w == want.end()) == (g == got.end());
        return w->second == -2 || w->second == g->second;
    };
    if (inFlight && inFlight->op == 'M') {
        // An import is all or nothing.
        int present = 0;
        for (int k = 0; k < inFlight->value; ++k)
            present += actual.count(inFlight->id + "-" + std::to_string(k)) ? 1 : 0;
        if (present != 0 && present != inFlight->value) {
            problem = "import " + inFlight->id + " half written: " + std::to_string(present) +
                      " of " + std::to_string(inFlight->value);
            return present;
        }
    }
    int lost = 0;
    std::map<std::string, bool> ids;
    for (const State* s : std::initializer_list<const State*>{&expected, &withInFlight, &actual})
        for (const auto& [id, v] : *s)
            ids[id] = true;
    for (const auto& [id, unused] : ids) {
        if (matches(expected, actual, id) || matches(withInFlight, actual, id))
            continue;
        ++lost;
        if (problem.empty())
            problem = "record " + id + " differs from what was acknowledged";
    }
    return lost;
}

/// One round: fork the editor, kill it after killAfterMs, verify.
inline RoundResult runRound(const std::string& path, const std::string& logPath, unsigned seed,
                            int killAfterMs, bool imports) {
    RoundResult result;
    State before;
    {
        auto opened = Registry::open(path, {.actor = "crash-parent", .rules = {}});
        if (!opened) {
            result.integrityOk = false;
            result.problem = opened.firstError();
            return result;
        }
        before = readState(opened.value());
    }  // closed before fork: the child must not share the parent's SQLite connection
    const pid_t child = fork();
    if (child == 0)
        editForever(path, logPath, seed, imports);
    std::this_thread::sleep_for(std::chrono::milliseconds(killAfterMs));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
        result.integrityOk = false;
        result.problem = "the editing child stopped by itself (status " + std::to_string(status) +
                         ") before the kill";
    }
    const auto steps = readLog(logPath);
    for (const auto& s : steps)
        result.acknowledged += s.acknowledged ? 1 : 0;
    auto reopened = Registry::open(path, {.actor = "crash-parent", .rules = {}});
    if (!reopened) {
        result.integrityOk = false;
        result.problem = reopened.firstError();
        return result;
    }
    if (auto check = reopened->integrityCheck(); !check) {
        result.integrityOk = false;
        result.problem = check.firstError();
    }
    std::string lostProblem;
    result.lost = countLost(before, steps, readState(reopened.value()), lostProblem);
    if (result.problem.empty())
        result.problem = lostProblem;
    return result;
}

}  // namespace cunjing::heritage::crash
