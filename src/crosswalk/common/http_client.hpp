// An HTTP POST for webhooks (budget alerts), by libcurl: Debian's, well kept, with TLS and proxies
// (HTTPS_PROXY, NO_PROXY) handled as users expect.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace crosswalk {

struct HttpResponse {
    long status = 0;   // the HTTP status; 0 when no response came (error says why)
    std::string error; // libcurl's words for a failed transfer, empty otherwise
    std::string body;  // the first 4 KiB of the response
};

// POSTs `body` to `url` with `headers` ("Name: value"). Never throws for a network failure: the response says
// it. Thread-compatible.
[[nodiscard]] HttpResponse HttpPost(const std::string& url, const std::string& body,
                                    const std::vector<std::string>& headers, std::chrono::milliseconds timeout);

} // namespace crosswalk
