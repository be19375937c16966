#include <cunjing/geo/Result.h>

namespace cunjing {

std::string Error::toString() const {
    std::string out;
    for (const std::string* part : {&file, &where, &message}) {
        if (part->empty())
            continue;
        if (!out.empty())
            out += ": ";
        out += *part;
    }
    return out;
}

}  // namespace cunjing
