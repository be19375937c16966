#include <cunjing/heritage/Records.h>

namespace cunjing::heritage {

std::optional<double> TreeRecord::crown() const {
    if (crownAvgM)
        return crownAvgM;
    if (crownEwM && crownNsM)
        return averageCrown(*crownEwM, *crownNsM);
    return crownEwM ? crownEwM : crownNsM;
}

int batchYear(int batch) {
    static constexpr int kYears[] = {2012, 2013, 2014, 2016, 2019, 2023};
    return batch >= 1 && batch <= 6 ? kYears[batch - 1] : 0;
}

}  // namespace cunjing::heritage
