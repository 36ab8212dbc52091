// The HMAC key lists the JWT checks try, embedded in the binary as read-only data, so the
// dictionary is the same on every machine, with or without a system word list, and the notices
// their licences ask to travel with every copy. Each is its files' bytes, between a start and an
// end symbol.
#if defined(__APPLE__)
#define SYMBOL(name) _##name
#else
#define SYMBOL(name) name
#endif

    .section .rodata
    .p2align 4
    .globl SYMBOL(scantrail_jwt_secrets_data)
    .globl SYMBOL(scantrail_jwt_secrets_data_end)
SYMBOL(scantrail_jwt_secrets_data):
    .incbin "jwt-secrets.list"
SYMBOL(scantrail_jwt_secrets_data_end):
    .byte 0

    .p2align 4
    .globl SYMBOL(scantrail_english_words_data)
    .globl SYMBOL(scantrail_english_words_data_end)
SYMBOL(scantrail_english_words_data):
    .incbin "english-words.list"
SYMBOL(scantrail_english_words_data_end):
    .byte 0

    .p2align 4
    .globl SYMBOL(scantrail_notices_data)
    .globl SYMBOL(scantrail_notices_data_end)
SYMBOL(scantrail_notices_data):
    .incbin "jwt-secrets.LICENSE"
    .ascii "\n"
    .incbin "english-words.COPYRIGHT"
SYMBOL(scantrail_notices_data_end):
    .byte 0

#if defined(__linux__) && defined(__ELF__)
    .section .note.GNU-stack,"",%progbits
#endif
