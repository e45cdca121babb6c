// A small shim over libcurl: Swift cannot call C variadic functions, so each curl_easy_setopt and
// curl_easy_getinfo use is wrapped here with a fixed argument type.
#ifndef DOSSIER_CCURL_SHIM_H
#define DOSSIER_CCURL_SHIM_H

#include <curl/curl.h>

typedef size_t (*dossier_curl_data_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode dossier_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dossier_curl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dossier_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dossier_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dossier_curl_setopt_headers(CURL *handle, struct curl_slist *headers) {
    return curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
}

static inline CURLcode dossier_curl_setopt_callback(CURL *handle, CURLoption option, dossier_curl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

typedef int (*dossier_curl_progress_callback)(void *context, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode dossier_curl_setopt_progress(CURL *handle, dossier_curl_progress_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

static inline CURLcode dossier_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode dossier_curl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

#endif
