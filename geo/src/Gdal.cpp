#include <cunjing/geo/Gdal.h>

#include <gdal.h>

#include <mutex>

namespace cunjing::geo {

void ensureGdalRegistered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

}  // namespace cunjing::geo
