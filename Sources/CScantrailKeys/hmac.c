#include "CScantrailKeys.h"

#include <string.h>

// BoringSSL as swift-crypto builds it (its symbols prefixed), linked with Crypto: the one-shot
// HMAC and the SHA-2 digests, declared here as BoringSSL declares them.
typedef struct env_md_st EVP_MD;
extern const EVP_MD *CCryptoBoringSSL_EVP_sha256(void);
extern const EVP_MD *CCryptoBoringSSL_EVP_sha384(void);
extern const EVP_MD *CCryptoBoringSSL_EVP_sha512(void);
extern uint8_t *CCryptoBoringSSL_HMAC(
    const EVP_MD *evp_md, const void *key, size_t key_len, const uint8_t *data, size_t data_len, uint8_t *out,
    unsigned int *out_len);

static const EVP_MD *digest(int bits) {
    switch (bits) {
    case 384: return CCryptoBoringSSL_EVP_sha384();
    case 512: return CCryptoBoringSSL_EVP_sha512();
    default: return CCryptoBoringSSL_EVP_sha256();
    }
}

static int signs(const EVP_MD *md, size_t mac_len, const void *key, size_t key_len, const uint8_t *data,
    size_t data_len, const uint8_t *mac) {
    uint8_t out[64];
    unsigned int out_len = 0;
    if (CCryptoBoringSSL_HMAC(md, key, key_len, data, data_len, out, &out_len) == NULL) return 0;
    return out_len == mac_len && memcmp(out, mac, mac_len) == 0;
}

long scantrail_hmac_find_line(
    int bits, const uint8_t *data, size_t data_len, const uint8_t *mac, const char *keys, size_t length) {
    const EVP_MD *md = digest(bits);
    size_t mac_len = (size_t)bits / 8;
    size_t start = 0;
    while (start < length) {
        const char *newline = memchr(keys + start, '\n', length - start);
        size_t end = newline ? (size_t)(newline - keys) : length;
        if (end > start && signs(md, mac_len, keys + start, end - start, data, data_len, mac)) return (long)start;
        start = end + 1;
    }
    return -1;
}

long scantrail_hmac_find_number(
    int bits, const uint8_t *data, size_t data_len, const uint8_t *mac, int width, long from, long to) {
    const EVP_MD *md = digest(bits);
    size_t mac_len = (size_t)bits / 8;
    char digits[20];
    if (width < 1 || width > 18) return -1;
    for (long number = from; number < to; number++) {
        long rest = number;
        for (int index = width - 1; index >= 0; index--) {
            digits[index] = (char)('0' + rest % 10);
            rest /= 10;
        }
        if (signs(md, mac_len, digits, (size_t)width, data, data_len, mac)) return number;
    }
    return -1;
}
