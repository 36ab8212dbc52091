#ifndef CSCANTRAIL_KEYS_H
#define CSCANTRAIL_KEYS_H

#include <stddef.h>
#include <stdint.h>

/// The public JWT secrets list (wallarm/jwt-secrets, MIT; notice in lists/jwt-secrets.LICENSE),
/// one secret a line; `length` receives its size in bytes.
const char *scantrail_jwt_secrets(size_t *length);

/// An American English word list (SCOWL, as Debian's wamerican ships it; notice in
/// lists/english-words.COPYRIGHT), one word a line; `length` receives its size in bytes.
const char *scantrail_english_words(size_t *length);

/// The two lists' licence notices, as they ship with the lists, one after the other.
const char *scantrail_key_list_notices(size_t *length);

/// The offset in `keys` (`length` bytes of keys, one a line) of the first line whose HMAC of
/// `data` with the SHA-2 digest of `bits` (256, 384 or 512) is `mac`; -1 when none is. The tight
/// loop of JWT key guessing: no allocation per candidate.
long scantrail_hmac_find_line(
    int bits, const uint8_t *data, size_t data_len, const uint8_t *mac, const char *keys, size_t length);

/// The first number in `from` ..< `to`, written with `width` digits (leading zeros too), whose
/// HMAC of `data` is `mac`, as `scantrail_hmac_find_line` judges; -1 when none is.
long scantrail_hmac_find_number(
    int bits, const uint8_t *data, size_t data_len, const uint8_t *mac, int width, long from, long to);

#endif
