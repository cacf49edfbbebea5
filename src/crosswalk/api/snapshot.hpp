// What `crosswalk serve` reads: a copy of the workspace taken while no one writes it. DuckDB lets one process
// write a database file and, meanwhile, no other open it; so the server never reads the live file. It copies
// it (with crosswalk.yaml and rules/) into .crosswalk/snapshots/N/ under a read lock, opens the copy read-only,
// and answers every request from one snapshot. When the file changes (an ingest or run committed and let go of
// it), the next refresh takes a new copy and swaps it in whole: requests under way finish on the old one, which
// is deleted when the last lets go. While a writer holds the file, the server keeps answering from the last
// snapshot: it never shows half a run. A writer that meets the copy's lock waits for it (workspace.hpp).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "crosswalk/workspace/workspace.hpp"

namespace crosswalk::api {

struct Snapshot {
    int64_t generation = 0;    // 1, 2, ... in this server's life
    std::string taken_at;      // UTC, ISO 8601
    std::string source_state;  // the live files' sizes and times when it was copied
    std::filesystem::path dir; // .crosswalk/snapshots/N: removed when the snapshot is destroyed
    std::unique_ptr<workspace::Workspace> workspace;

    Snapshot() = default;
    Snapshot(const Snapshot&) = delete;
    Snapshot& operator=(const Snapshot&) = delete;
    ~Snapshot();
};

class SnapshotSource {
public:
    // Takes the first snapshot of the workspace at `root`; throws what Workspace::Open throws (a writer holding
    // the file for longer than `first_wait` is kConflict).
    explicit SnapshotSource(std::filesystem::path root,
                            std::chrono::milliseconds first_wait = std::chrono::seconds(60));
    SnapshotSource(const SnapshotSource&) = delete;
    SnapshotSource& operator=(const SnapshotSource&) = delete;
    ~SnapshotSource(); // stops the refresher

    [[nodiscard]] std::shared_ptr<const Snapshot> Current() const;

    // Takes a new snapshot if the live workspace changed and no writer holds it. Returns true when it did.
    bool Refresh();

    // Refreshes every `interval` on a thread of its own until destroyed.
    void RefreshEvery(std::chrono::milliseconds interval);

    [[nodiscard]] const std::filesystem::path& Root() const noexcept { return root_; }

private:
    [[nodiscard]] std::string LiveState() const;
    std::shared_ptr<const Snapshot> Take(const std::string& state);

    std::filesystem::path root_;
    std::filesystem::path database_; // the live file
    mutable std::mutex mutex_;       // guards current_
    std::shared_ptr<const Snapshot> current_;
    std::mutex refresh_mutex_; // one refresh at a time
    int64_t next_generation_ = 1;
    std::mutex stop_mutex_;
    std::condition_variable stop_signal_;
    bool stopping_ = false;
    std::thread refresher_;
};

} // namespace crosswalk::api
