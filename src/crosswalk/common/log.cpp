#include "crosswalk/common/log.hpp"

#include <cstdlib>

#include <spdlog/sinks/stdout_color_sinks.h>

namespace crosswalk {

spdlog::logger& Log() {
    static const std::shared_ptr<spdlog::logger> logger = [] {
        auto created = spdlog::stderr_color_mt("crosswalk");
        created->set_pattern("%^crosswalk: %l:%$ %v");
        created->set_level(spdlog::level::warn);
        return created;
    }();
    return *logger;
}

void SetLogVerbosity(int verbosity) {
    auto level = verbosity >= 2 ? spdlog::level::debug : verbosity == 1 ? spdlog::level::info : spdlog::level::warn;
    if (const char* from_environment = std::getenv("CROSSWALK_LOG_LEVEL")) {
        level = spdlog::level::from_str(from_environment);
    }
    Log().set_level(level);
}

} // namespace crosswalk
