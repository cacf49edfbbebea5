// Progress of long work, reported by the library and shown by whoever called it (a terminal line in the CLI,
// nothing in a pipe or in tests, later a server's status endpoint). The library never prints.
#pragma once

#include <functional>
#include <string>

namespace crosswalk {

struct Progress {
    std::string label;          // what is being done, e.g. a file's path
    double percent = 0;         // 0..100
    double megabytes = 0;       // the input's size, 0 when unknown
    double megabytes_per_s = 0; // 0 when unknown
    double seconds_left = 0;    // an estimate; 0 when unknown
    bool done = false;          // the last report of this label: a terminal line clears itself
};

// Called from a worker thread while the work runs; must be cheap and thread-safe. Empty: nobody listens.
using ProgressCallback = std::function<void(const Progress&)>;

} // namespace crosswalk
