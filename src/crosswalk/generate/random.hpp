// The generator's only source of randomness: SplitMix64 (Steele, Lea and Flood, 2014), chosen because its
// output is fully specified. std::mt19937_64 is too, but the standard distributions on top of it are not
// (libstdc++ and libc++ give different numbers), and "same seed, same bytes" must hold on any platform.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace crosswalk::generate {

class Random {
public:
    explicit Random(uint64_t seed) : state_(seed) {}

    // A generator for one named part of the company, independent of how many numbers other parts draw, so
    // adding a feature to one part does not reshuffle the others.
    [[nodiscard]] Random Fork(std::string_view part) const {
        uint64_t hash = 1469598103934665603ULL; // FNV-1a of the name, mixed with the parent state
        for (const char c : part) {
            hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        }
        return Random(state_ ^ hash);
    }

    uint64_t Next() {
        uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31U);
    }

    // Uniform in [low, high] (inclusive). The modulo bias is below 2^-40 for the small ranges used here.
    int64_t Between(int64_t low, int64_t high) {
        return low + static_cast<int64_t>(Next() % static_cast<uint64_t>(high - low + 1));
    }

    // True with probability percent / 100.
    bool Chance(int percent) { return Between(1, 100) <= percent; }

    template <typename T>
    const T& Pick(std::span<const T> items) {
        return items[static_cast<std::size_t>(Between(0, static_cast<int64_t>(items.size()) - 1))];
    }

private:
    uint64_t state_;
};

} // namespace crosswalk::generate
