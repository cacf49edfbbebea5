#include "crosswalk/common/http_client.hpp"

#include <curl/curl.h>
#include <memory>
#include <mutex>

namespace crosswalk {
namespace {

constexpr size_t kBodyLimit = 4096;

size_t KeepBody(char* data, size_t size, size_t count, void* user) {
    std::string& body = *static_cast<std::string*>(user);
    const size_t bytes = size * count;
    body.append(data, std::min(bytes, kBodyLimit - std::min(body.size(), kBodyLimit)));
    return bytes;
}

} // namespace

HttpResponse HttpPost(const std::string& url, const std::string& body, const std::vector<std::string>& headers,
                      std::chrono::milliseconds timeout) {
    static std::once_flag initialized;
    std::call_once(initialized, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    HttpResponse response;
    // Declared before the handle, so it outlives curl_easy_cleanup (it is the handle's error buffer).
    char error[CURL_ERROR_SIZE] = {};
    const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) {
        response.error = "cannot start an HTTP request (libcurl)";
        return response;
    }
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(nullptr, curl_slist_free_all);
    for (const std::string& header : headers) {
        curl_slist* appended = curl_slist_append(header_list.get(), header.c_str());
        if (appended == nullptr) {
            response.error = "out of memory building the request's headers";
            return response;
        }
        (void)header_list.release();
        header_list.reset(appended);
    }
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POST, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, header_list.get());
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, KeepBody);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "crosswalk-alerts");
    const CURLcode code = curl_easy_perform(curl.get());
    // The status line may have come before a failure (a timeout reading the body): a 2xx is then delivered.
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &response.status);
    if (code != CURLE_OK && (response.status < 200 || response.status >= 300)) {
        response.status = 0;
        response.error = error[0] != '\0' ? error : curl_easy_strerror(code);
    }
    return response;
}

} // namespace crosswalk
