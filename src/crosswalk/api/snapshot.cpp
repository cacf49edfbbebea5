#include "crosswalk/api/snapshot.hpp"

#include <chrono>
#include <fstream>
#include <system_error>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "crosswalk/api/access.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/common/log.hpp"
#include "crosswalk/workspace/config.hpp"

namespace crosswalk::api {
namespace {

namespace fs = std::filesystem;

// "size@mtime" of a file, "-" for none.
std::string FileState(const fs::path& path) {
    std::error_code error;
    const auto size = fs::file_size(path, error);
    if (error) {
        return "-";
    }
    const auto time = fs::last_write_time(path, error);
    return fmt::format("{}@{}", size, time.time_since_epoch().count());
}

void CopyFile(const fs::path& from, const fs::path& to) {
    std::error_code error;
    fs::create_directories(to.parent_path(), error);
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, error);
    if (error) {
        Throw(ErrorKind::kIo, "cannot copy {} to {}: {}", from.string(), to.string(), error.message());
    }
}

// Removes the marker file on every way out of the copy.
struct MarkerGuard {
    fs::path path;

    ~MarkerGuard() {
        std::error_code error;
        fs::remove(path, error);
    }
};

} // namespace

Snapshot::~Snapshot() {
    workspace.reset(); // closes the database before its file goes
    std::error_code error;
    fs::remove_all(dir, error);
}

SnapshotSource::SnapshotSource(fs::path root, std::chrono::milliseconds first_wait) : root_(std::move(root)) {
    const workspace::WorkspaceConfig config = workspace::LoadConfig(root_ / workspace::kConfigFileName);
    database_ = workspace::ResolveDatabasePath(root_, config);
    // Snapshots of a server that died are of no use to anyone.
    std::error_code error;
    fs::remove_all(root_ / ".crosswalk" / "snapshots", error);
    const auto give_up = std::chrono::steady_clock::now() + first_wait;
    while (true) {
        try {
            current_ = Take(LiveState());
            return;
        } catch (const Error& failure) {
            if (failure.Kind() != ErrorKind::kConflict || std::chrono::steady_clock::now() > give_up) {
                throw;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
    }
}

SnapshotSource::~SnapshotSource() {
    {
        std::lock_guard lock(stop_mutex_);
        stopping_ = true;
    }
    stop_signal_.notify_all();
    if (refresher_.joinable()) {
        refresher_.join();
    }
}

std::shared_ptr<const Snapshot> SnapshotSource::Current() const {
    std::lock_guard lock(mutex_);
    return current_;
}

std::string SnapshotSource::LiveState() const {
    std::string state = FileState(database_) + " " + FileState(database_.string() + ".wal") + " " +
                        FileState(root_ / workspace::kConfigFileName);
    std::error_code error;
    for (fs::recursive_directory_iterator it(root_ / "rules", error), end; !error && it != end; it.increment(error)) {
        if (it->is_regular_file(error)) {
            state += " " + it->path().filename().string() + "=" + FileState(it->path());
        }
    }
    return state;
}

std::shared_ptr<const Snapshot> SnapshotSource::Take(const std::string& state) {
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->generation = next_generation_;
    snapshot->source_state = state;
    snapshot->dir = root_ / ".crosswalk" / "snapshots" / std::to_string(next_generation_);
    std::error_code error;
    fs::remove_all(snapshot->dir, error);
    fs::create_directories(snapshot->dir, error);
    if (error) {
        Throw(ErrorKind::kIo, "cannot create the snapshot folder {}: {}", snapshot->dir.string(), error.message());
    }
    const fs::path copy = snapshot->dir / database_.filename();
    {
        const MarkerGuard marker{workspace::ServeCopyMarker(root_)};
        { std::ofstream(marker.path) << "crosswalk serve is copying the database\n"; }
        // The read lock keeps writers out while the bytes are copied; a writer that holds it throws kConflict.
        workspace::Workspace live = workspace::Workspace::Open(root_, workspace::AccessMode::kReadOnly);
        CopyFile(database_, copy);
        if (fs::exists(database_.string() + ".wal")) {
            CopyFile(database_.string() + ".wal", copy.string() + ".wal");
        }
    }
    CopyFile(root_ / workspace::kConfigFileName, snapshot->dir / workspace::kConfigFileName);
    if (fs::is_directory(root_ / "rules")) {
        fs::copy(root_ / "rules", snapshot->dir / "rules", fs::copy_options::recursive, error);
    }
    snapshot->workspace = std::make_unique<workspace::Workspace>(
        workspace::Workspace::OpenWithDatabase(snapshot->dir, copy, workspace::AccessMode::kReadOnly));
    snapshot->taken_at = UtcNowText();
    ++next_generation_;
    return snapshot;
}

bool SnapshotSource::Refresh() {
    std::lock_guard refreshing(refresh_mutex_);
    const std::string state = LiveState();
    if (state == Current()->source_state) {
        return false;
    }
    try {
        std::shared_ptr<const Snapshot> fresh = Take(state);
        std::lock_guard lock(mutex_);
        current_ = std::move(fresh);
    } catch (const Error& error) {
        if (error.Kind() != ErrorKind::kConflict) {
            Log().warn("serve: cannot take a new snapshot, still serving generation {}: {}", Current()->generation,
                       error.Message());
        }
        return false; // a writer holds the file: the next refresh tries again
    }
    Log().info("serve: snapshot {} taken (the workspace changed)", Current()->generation);
    return true;
}

void SnapshotSource::RefreshEvery(std::chrono::milliseconds interval) {
    refresher_ = std::thread([this, interval] {
        std::unique_lock lock(stop_mutex_);
        while (!stop_signal_.wait_for(lock, interval, [this] { return stopping_; })) {
            lock.unlock();
            (void)Refresh();
            lock.lock();
        }
    });
}

} // namespace crosswalk::api
