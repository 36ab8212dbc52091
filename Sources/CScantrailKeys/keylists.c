#include "CScantrailKeys.h"

// Defined in keylists.S: each list's first byte and the byte after its last.
extern const char scantrail_jwt_secrets_data[];
extern const char scantrail_jwt_secrets_data_end[];
extern const char scantrail_english_words_data[];
extern const char scantrail_english_words_data_end[];
extern const char scantrail_notices_data[];
extern const char scantrail_notices_data_end[];

const char *scantrail_jwt_secrets(size_t *length) {
    *length = (size_t)(scantrail_jwt_secrets_data_end - scantrail_jwt_secrets_data);
    return scantrail_jwt_secrets_data;
}

const char *scantrail_english_words(size_t *length) {
    *length = (size_t)(scantrail_english_words_data_end - scantrail_english_words_data);
    return scantrail_english_words_data;
}

const char *scantrail_key_list_notices(size_t *length) {
    *length = (size_t)(scantrail_notices_data_end - scantrail_notices_data);
    return scantrail_notices_data;
}
