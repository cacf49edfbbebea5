#include "crosswalk/ingest/input_files.hpp"

#include <algorithm>
#include <cctype>
#include <glob.h>
#include <optional>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"

namespace crosswalk::ingest {
namespace {

namespace fs = std::filesystem;

bool EndsWith(std::string_view text, std::string_view suffix) {
    return ToLower(text).ends_with(suffix);
}

bool Accepts(std::span<const FileFormat> accepted, FileFormat format) {
    return std::find(accepted.begin(), accepted.end(), format) != accepted.end();
}

std::string AcceptedList(std::span<const FileFormat> accepted) {
    std::string list;
    for (const FileFormat format : accepted) {
        list += (list.empty() ? "." : ", .") + std::string(FileFormatName(format));
    }
    return list;
}

void AddFile(const fs::path& path, std::span<const FileFormat> accepted, bool named, std::vector<InputFile>& out,
             std::vector<SkippedInput>* skipped) {
    const auto format = FormatOf(path);
    if (!format || !Accepts(accepted, *format)) {
        if (named) {
            Throw(ErrorKind::kInvalidInput, "{}: not a file this command reads (expected {})", path.string(),
                  AcceptedList(accepted));
        }
        if (skipped != nullptr) {
            skipped->push_back(SkippedInput{path, fmt::format("not a {} file", AcceptedList(accepted))});
        }
        return;
    }
    std::error_code error;
    const uint64_t size = fs::file_size(path, error);
    if (error) {
        Throw(ErrorKind::kIo, "{}: {}", path.string(), error.message());
    }
    out.push_back(InputFile{path, *format, size});
}

} // namespace

std::string_view FileFormatName(FileFormat format) {
    switch (format) {
    case FileFormat::kCsv:
        return "csv";
    case FileFormat::kCsvGzip:
        return "csv.gz";
    case FileFormat::kParquet:
        return "parquet";
    case FileFormat::kJson:
        return "json";
    case FileFormat::kNdjson:
        return "ndjson";
    }
    return "csv";
}

std::optional<FileFormat> FormatOf(const fs::path& path) {
    const std::string name = path.filename().string();
    if (EndsWith(name, ".csv.gz") || EndsWith(name, ".csv.gzip")) {
        return FileFormat::kCsvGzip;
    }
    if (EndsWith(name, ".csv")) {
        return FileFormat::kCsv;
    }
    if (EndsWith(name, ".parquet")) {
        return FileFormat::kParquet;
    }
    if (EndsWith(name, ".ndjson") || EndsWith(name, ".jsonl")) {
        return FileFormat::kNdjson;
    }
    if (EndsWith(name, ".json")) {
        return FileFormat::kJson;
    }
    return std::nullopt;
}

std::vector<InputFile> ExpandInputs(std::span<const std::string> patterns, const fs::path& base,
                                    std::span<const FileFormat> accepted, std::vector<SkippedInput>* skipped) {
    std::vector<InputFile> files;
    // A folder entry or glob match that is not a regular file (a broken link, a socket); folders are searched.
    const auto not_regular = [&](const fs::path& entry) {
        std::error_code ignored;
        if (skipped != nullptr && !fs::is_directory(entry, ignored)) {
            skipped->push_back(SkippedInput{entry, "not a regular file (a broken link?)"});
        }
    };
    for (const std::string& pattern : patterns) {
        const fs::path path = fs::path(pattern).is_absolute() ? fs::path(pattern) : base / pattern;
        const size_t before = files.size();
        std::error_code error;
        if (fs::is_regular_file(path, error)) {
            AddFile(path, accepted, true, files, skipped);
        } else if (fs::is_directory(path, error)) {
            for (const auto& entry : fs::recursive_directory_iterator(path, error)) {
                if (entry.is_regular_file()) {
                    AddFile(entry.path(), accepted, false, files, skipped);
                } else {
                    not_regular(entry.path());
                }
            }
        } else if (pattern.find_first_of("*?[") != std::string::npos) {
            glob_t matches{};
            if (glob(path.c_str(), 0, nullptr, &matches) == 0) {
                for (size_t i = 0; i < matches.gl_pathc; ++i) {
                    if (fs::is_regular_file(matches.gl_pathv[i], error)) {
                        AddFile(matches.gl_pathv[i], accepted, false, files, skipped);
                    } else {
                        not_regular(matches.gl_pathv[i]);
                    }
                }
            }
            globfree(&matches);
        } else {
            Throw(ErrorKind::kNotFound, "{}: no such file or folder", path.string());
        }
        if (files.size() == before) {
            Throw(ErrorKind::kNotFound, "{}: no {} files found", pattern, AcceptedList(accepted));
        }
    }
    std::sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
    files.erase(std::unique(files.begin(), files.end(),
                            [](const InputFile& a, const InputFile& b) { return a.path == b.path; }),
                files.end());
    if (skipped != nullptr) {
        std::sort(skipped->begin(), skipped->end(),
                  [](const SkippedInput& a, const SkippedInput& b) { return a.path < b.path; });
        skipped->erase(std::unique(skipped->begin(), skipped->end(),
                                   [](const SkippedInput& a, const SkippedInput& b) { return a.path == b.path; }),
                       skipped->end());
    }
    return files;
}

} // namespace crosswalk::ingest
