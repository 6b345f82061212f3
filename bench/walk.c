/*
 * walk: the bare libpff walk, pstscope's parser speed limit.
 *
 * Opens a PST/OST with libpff and walks it the way PSTReader does (PSTFile.read,
 * MessageReader.read, Handles.swift): the same libpff entry points, the same MAPI
 * properties, in the same order, every handle freed. It keeps nothing and prints nothing
 * per item, so its time and memory are what libpff itself costs.
 *
 *   gcc -O2 -std=c99 bench/walk.c $(pkg-config --cflags --libs libpff) -o /tmp/walk
 *   walk FILE [--part I/N]
 *
 * Prints one line of JSON: {"items": N, "folders": F, "failed": K, "seconds": S}.
 * --part I/N reads only the messages whose index in their folder is I modulo N (0 <= I < N),
 * so that N processes can share one file evenly; folders are still all walked.
 * WALK_RSS=1 in the environment writes VmRSS to stderr after the open and after each folder.
 */
#define _POSIX_C_SOURCE 200809L
#include <libpff.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* MAPI property tags (PropertyTag.swift): the tag part only, libpff matches any value type. */
enum {
    TAG_MESSAGE_CLASS = 0x001A, TAG_SUBJECT = 0x0037, TAG_CLIENT_SUBMIT_TIME = 0x0039,
    TAG_SENT_REPRESENTING_NAME = 0x0042, TAG_SENT_REPRESENTING_ADDRESS = 0x0065,
    TAG_CONVERSATION_INDEX = 0x0071, TAG_TRANSPORT_HEADERS = 0x007D,
    TAG_RECIPIENT_TYPE = 0x0C15, TAG_SENDER_NAME = 0x0C1A, TAG_SENDER_ADDRESS_TYPE = 0x0C1E,
    TAG_SENDER_ADDRESS = 0x0C1F, TAG_DELIVERY_TIME = 0x0E06, TAG_MESSAGE_SIZE = 0x0E08,
    TAG_INTERNET_MESSAGE_ID = 0x1035, TAG_INTERNET_REFERENCES = 0x1039, TAG_IN_REPLY_TO = 0x1042,
    TAG_DISPLAY_NAME = 0x3001, TAG_ADDRESS_TYPE = 0x3002, TAG_EMAIL_ADDRESS = 0x3003,
    TAG_SENT_MAIL_ENTRY_ID = 0x35E4, TAG_SMTP_ADDRESS = 0x39FE,
    TAG_SENDER_SMTP_ADDRESS = 0x5D01, TAG_SENT_REPRESENTING_SMTP_ADDRESS = 0x5D02,
};

/* What a property read found: absent, present, or a libpff error (an "unreadable property"). */
enum { ABSENT = 0, FOUND = 1, FAILED = -1 };

typedef struct {
    long items, folders, failed;
    int part, parts;   /* --part I/N */
    int trace_rss;     /* WALK_RSS */
    double start;
    uint32_t *visited; /* folder identifiers already walked: a cycle in a damaged file ends */
    size_t visited_count, visited_capacity;
} walk_state;

/* libpff reports errors through an out-parameter that must be freed; the walk only counts them. */
static int check(int result, libpff_error_t **error) {
    if (result == -1) libpff_error_free(error);
    return result;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void trace_rss(const walk_state *state, const char *where) {
    if (!state->trace_rss) return;
    FILE *status = fopen("/proc/self/status", "r");
    char line[256];
    while (status && fgets(line, sizeof line, status))
        if (strncmp(line, "VmRSS:", 6) == 0)
            fprintf(stderr, "rss %s items=%ld seconds=%.2f %s", where, state->items, now() - state->start,
                    line + 6);
    if (status) fclose(status);
}

/* A buffer reused for every value: the copy libpff makes is part of the cost, malloc is not. */
static uint8_t *scratch;
static size_t scratch_size;

static uint8_t *scratch_for(size_t size) {
    if (size > scratch_size) {
        free(scratch);
        scratch_size = size * 2;
        scratch = malloc(scratch_size);
    }
    return scratch;
}

/* RecordSet.withEntry: the entry with this tag, whatever its value type, named properties unmapped. */
static int get_entry(libpff_record_set_t *set, uint32_t tag, libpff_record_entry_t **entry) {
    libpff_error_t *error = NULL;
    *entry = NULL;
    return check(libpff_record_set_get_entry_by_type(
        set, tag, 0, entry,
        LIBPFF_ENTRY_VALUE_FLAG_MATCH_ANY_VALUE_TYPE | LIBPFF_ENTRY_VALUE_FLAG_IGNORE_NAME_TO_ID_MAP,
        &error), &error);
}

static void free_entry(libpff_record_entry_t **entry) {
    libpff_record_entry_free(entry, NULL);
}

/* RecordSet.data: the raw value bytes. */
static int read_data(libpff_record_entry_t *entry) {
    libpff_error_t *error = NULL;
    size_t size = 0;
    if (check(libpff_record_entry_get_data_size(entry, &size, &error), &error) != 1) return FAILED;
    if (size == 0) return FOUND;
    uint8_t *buffer = scratch_for(size);
    return check(libpff_record_entry_get_data(entry, buffer, size, &error), &error) == 1 ? FOUND : FAILED;
}

/* RecordSet.string: Unicode strings as raw UTF-16LE bytes (libpff's conversions break non-BMP
 * characters, so pstscope decodes them itself); code-page strings through libpff's UTF-8 getter. */
static int read_string(libpff_record_set_t *set, uint32_t tag) {
    libpff_record_entry_t *entry;
    libpff_error_t *error = NULL;
    int result = get_entry(set, tag, &entry);
    if (result != 1) return result == 0 ? ABSENT : FAILED;
    uint32_t type = 0;
    if (check(libpff_record_entry_get_value_type(entry, &type, &error), &error) != 1) {
        result = FAILED;
    } else if (type == LIBPFF_VALUE_TYPE_STRING_UNICODE) {
        result = read_data(entry);
    } else {
        size_t size = 0;
        result = FOUND;
        if (check(libpff_record_entry_get_data_as_utf8_string_size(entry, &size, &error), &error) != 1)
            result = FAILED;
        else if (size > 1) /* 0 or 1: an empty string, which libpff must not be asked for */
            result = check(libpff_record_entry_get_data_as_utf8_string(
                entry, scratch_for(size), size, &error), &error) == 1 ? FOUND : FAILED;
    }
    free_entry(&entry);
    return result;
}

static int read_bytes(libpff_record_set_t *set, uint32_t tag) {
    libpff_record_entry_t *entry;
    int result = get_entry(set, tag, &entry);
    if (result != 1) return result == 0 ? ABSENT : FAILED;
    result = read_data(entry);
    free_entry(&entry);
    return result;
}

static int read_filetime(libpff_record_set_t *set, uint32_t tag) {
    libpff_record_entry_t *entry;
    libpff_error_t *error = NULL;
    int result = get_entry(set, tag, &entry);
    if (result != 1) return result == 0 ? ABSENT : FAILED;
    uint64_t filetime = 0;
    result = check(libpff_record_entry_get_data_as_filetime(entry, &filetime, &error), &error) == 1
        ? FOUND : FAILED;
    free_entry(&entry);
    return result;
}

/* Sets *value when the property is there; recipient rows default to To (1) otherwise. */
static int read_int32(libpff_record_set_t *set, uint32_t tag, uint32_t *value) {
    libpff_record_entry_t *entry;
    libpff_error_t *error = NULL;
    int result = get_entry(set, tag, &entry);
    if (result != 1) return result == 0 ? ABSENT : FAILED;
    result = check(libpff_record_entry_get_data_as_32bit_integer(entry, value, &error), &error) == 1
        ? FOUND : FAILED;
    free_entry(&entry);
    return result;
}

static libpff_record_set_t *record_set(libpff_item_t *item, int index) {
    libpff_record_set_t *set = NULL;
    libpff_error_t *error = NULL;
    if (check(libpff_item_get_record_set_by_index(item, index, &set, &error), &error) != 1) return NULL;
    return set;
}

/* MessageReader.readRecipients: one record set per row of the recipients table. */
static void read_recipients(libpff_item_t *message) {
    libpff_item_t *table = NULL;
    libpff_error_t *error = NULL;
    if (check(libpff_message_get_recipients(message, &table, &error), &error) != 1 || table == NULL) return;
    int rows = 0;
    if (check(libpff_item_get_number_of_record_sets(table, &rows, &error), &error) == 1) {
        for (int row = 0; row < rows; row++) {
            libpff_record_set_t *set = record_set(table, row);
            if (set == NULL) break; /* pstscope drops the whole table on an error */
            uint32_t type = 1;
            int smtp = ABSENT;
            int ok = read_string(set, TAG_EMAIL_ADDRESS) != FAILED
                && (smtp = read_string(set, TAG_SMTP_ADDRESS)) != FAILED
                && read_int32(set, TAG_RECIPIENT_TYPE, &type) != FAILED;
            /* Rows that are neither To, Cc nor Bcc are skipped before their last properties; the
             * address type is read only for a row without an SMTP address. */
            if (ok && (type & 0x0F) >= 1 && (type & 0x0F) <= 3)
                ok = (smtp != ABSENT || read_string(set, TAG_ADDRESS_TYPE) != FAILED)
                    && read_string(set, TAG_DISPLAY_NAME) != FAILED;
            libpff_record_set_free(&set, NULL);
            if (!ok) break;
        }
    }
    libpff_item_free(&table, NULL);
}

/* MessageReader.read, in its order. Only the record set and the message class are required:
 * any other property libpff cannot read is skipped and the item still counts. */
static int read_message(libpff_item_t *message) {
    libpff_error_t *error = NULL;
    libpff_record_set_t *properties = record_set(message, 0);
    if (properties == NULL) return 0;
    if (read_string(properties, TAG_MESSAGE_CLASS) == FAILED) {
        libpff_record_set_free(&properties, NULL);
        return 0;
    }
    read_string(properties, TAG_TRANSPORT_HEADERS);
    read_recipients(message);
    static const uint32_t sender[] = {
        TAG_SENDER_NAME, TAG_SENDER_SMTP_ADDRESS, TAG_SENT_REPRESENTING_SMTP_ADDRESS,
        TAG_SENDER_ADDRESS, TAG_SENDER_ADDRESS_TYPE, TAG_SENT_REPRESENTING_NAME,
        TAG_SENT_REPRESENTING_ADDRESS,
    };
    for (size_t i = 0; i < sizeof sender / sizeof sender[0]; i++) read_string(properties, sender[i]);
    int attachments = 0;
    check(libpff_message_get_number_of_attachments(message, &attachments, &error), &error);
    read_string(properties, TAG_SUBJECT);
    read_filetime(properties, TAG_CLIENT_SUBMIT_TIME);
    read_filetime(properties, TAG_DELIVERY_TIME);
    read_string(properties, TAG_INTERNET_MESSAGE_ID);
    read_string(properties, TAG_IN_REPLY_TO);
    read_string(properties, TAG_INTERNET_REFERENCES);
    read_bytes(properties, TAG_CONVERSATION_INDEX);
    uint32_t size = 0;
    read_int32(properties, TAG_MESSAGE_SIZE, &size);
    libpff_record_set_free(&properties, NULL);
    return 1;
}

/* PSTFile.readItem: the sub message, its identifier, then its properties. */
static void read_item(walk_state *state, libpff_item_t *folder, int index) {
    libpff_item_t *message = NULL;
    libpff_error_t *error = NULL;
    uint32_t identifier = 0;
    int ok = check(libpff_folder_get_sub_message(folder, index, &message, &error), &error) == 1
        && message != NULL
        && check(libpff_item_get_identifier(message, &identifier, &error), &error) == 1
        && read_message(message);
    if (message != NULL) libpff_item_free(&message, NULL);
    if (ok) state->items++; else state->failed++;
}

static int visit_once(walk_state *state, uint32_t identifier) {
    for (size_t i = 0; i < state->visited_count; i++)
        if (state->visited[i] == identifier) return 0;
    if (state->visited_count == state->visited_capacity) {
        state->visited_capacity = state->visited_capacity ? state->visited_capacity * 2 : 64;
        state->visited = realloc(state->visited, state->visited_capacity * sizeof *state->visited);
    }
    state->visited[state->visited_count++] = identifier;
    return 1;
}

/* PSTFile.walk: depth first; a folder's messages, then its subfolders, each named by its
 * PidTagDisplayName (PSTFile.folderName). */
static void walk_folder(walk_state *state, libpff_item_t *folder) {
    libpff_error_t *error = NULL;
    uint32_t identifier = 0;
    check(libpff_item_get_identifier(folder, &identifier, &error), &error);
    if (!visit_once(state, identifier)) return;
    state->folders++;
    int messages = 0;
    if (check(libpff_folder_get_number_of_sub_messages(folder, &messages, &error), &error) != 1)
        state->failed++;
    for (int index = state->part; index < messages; index += state->parts) read_item(state, folder, index);
    trace_rss(state, "folder");
    int subfolders = 0;
    if (check(libpff_folder_get_number_of_sub_folders(folder, &subfolders, &error), &error) != 1)
        state->failed++;
    for (int index = 0; index < subfolders; index++) {
        libpff_item_t *child = NULL;
        if (check(libpff_folder_get_sub_folder(folder, index, &child, &error), &error) != 1) {
            state->failed++;
            continue;
        }
        if (child == NULL) continue;
        libpff_record_set_t *set = record_set(child, 0);
        if (set != NULL) {
            read_string(set, TAG_DISPLAY_NAME);
            libpff_record_set_free(&set, NULL);
        }
        walk_folder(state, child);
        libpff_item_free(&child, NULL);
    }
}

/* PSTFile.init after the open: content type, encryption, and the message store's name and
 * Sent Items entry id. */
static void read_file_info(libpff_file_t *file) {
    uint8_t value = 0;
    libpff_error_t *error = NULL;
    check(libpff_file_get_content_type(file, &value, &error), &error);
    check(libpff_file_get_encryption_type(file, &value, &error), &error);
    libpff_item_t *store = NULL;
    if (check(libpff_file_get_message_store(file, &store, &error), &error) != 1 || store == NULL) return;
    libpff_record_set_t *set = record_set(store, 0);
    if (set != NULL) {
        read_string(set, TAG_DISPLAY_NAME);
        read_bytes(set, TAG_SENT_MAIL_ENTRY_ID);
        libpff_record_set_free(&set, NULL);
    }
    libpff_item_free(&store, NULL);
}

static int usage(void) {
    fprintf(stderr, "usage: walk FILE [--part I/N]\n");
    return 2;
}

int main(int argc, char **argv) {
    walk_state state = { .parts = 1, .trace_rss = getenv("WALK_RSS") != NULL };
    if (argc == 4 && strcmp(argv[2], "--part") == 0) {
        if (sscanf(argv[3], "%d/%d", &state.part, &state.parts) != 2
            || state.parts < 1 || state.part < 0 || state.part >= state.parts) return usage();
    } else if (argc != 2) {
        return usage();
    }
    state.start = now();
    libpff_file_t *file = NULL;
    libpff_error_t *error = NULL;
    if (libpff_file_initialize(&file, &error) != 1
        || libpff_file_open(file, argv[1], LIBPFF_OPEN_READ, &error) != 1) {
        libpff_error_fprint(error, stderr);
        libpff_error_free(&error);
        libpff_file_free(&file, NULL);
        return 1;
    }
    trace_rss(&state, "open");
    read_file_info(file);
    libpff_item_t *root = NULL;
    if (check(libpff_file_get_root_folder(file, &root, &error), &error) != 1 || root == NULL) {
        fprintf(stderr, "walk: cannot read the root folder\n");
        libpff_file_close(file, NULL);
        libpff_file_free(&file, NULL);
        return 1;
    }
    walk_folder(&state, root);
    libpff_item_free(&root, NULL);
    libpff_file_close(file, NULL);
    libpff_file_free(&file, NULL);
    trace_rss(&state, "close");
    free(state.visited);
    free(scratch);
    printf("{\"items\": %ld, \"folders\": %ld, \"failed\": %ld, \"seconds\": %.3f}\n",
           state.items, state.folders, state.failed, now() - state.start);
    return 0;
}
