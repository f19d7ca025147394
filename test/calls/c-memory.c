// The C side of the adoption tests: a library that hands out memory from its own allocator and
// counts what comes back, so a test knows each block was freed exactly once, by the right
// function. Every block starts with a tag that records which function must free it; a free with
// the wrong function, a second free or a pointer it never handed out is counted as a bad free
// (and the block is left alone). Built with gcc on Linux and with mingw as a DLL for the Wine lane.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#define EXPORT __declspec(dllexport)
#else
#define EXPORT
#endif

enum { TAG_BUFFER = 0x42554646, TAG_STRING = 0x53545247, TAG_NODE = 0x4e4f4445, TAG_FREED = 0x44454144 };

// The header sits before the bytes handed out; 16 bytes keep them aligned as malloc's are.
typedef struct header { uint32_t tag; uint32_t size; uint64_t pad; } header;

static int live_blocks, buffer_frees, string_frees, node_frees, bad_frees;

static void *tagged_alloc(uint32_t tag, size_t size) {
  header *h = malloc(sizeof(header) + size);
  if (h == NULL) return NULL;
  h->tag = tag;
  h->size = (uint32_t)size;
  live_blocks++;
  return h + 1;
}

// Returns 1 and frees the block if it carries `tag`; else counts a bad free and leaves it alone.
static int tagged_free(void *p, uint32_t tag) {
  if (p == NULL) return 1;
  header *h = (header *)p - 1;
  if (h->tag != tag) {
    bad_frees++;
    return 0;
  }
  h->tag = TAG_FREED;
  live_blocks--;
  free(h);
  return 1;
}

// A buffer of `size` bytes, each `fill`.
EXPORT void *cm_buffer(size_t size, int fill) {
  void *p = tagged_alloc(TAG_BUFFER, size);
  if (p != NULL) memset(p, fill, size);
  return p;
}
EXPORT void cm_buffer_free(void *p) { if (tagged_free(p, TAG_BUFFER) && p != NULL) buffer_frees++; }

// "<prefix>-<n>", as sqlite3_mprintf returns text the caller frees with sqlite3_free.
EXPORT char *cm_string(const char *prefix, int n) {
  size_t size = strlen(prefix) + 16;
  char *s = tagged_alloc(TAG_STRING, size);
  if (s != NULL) snprintf(s, size, "%s-%d", prefix, n);
  return s;
}
EXPORT void cm_string_free(char *s) { if (tagged_free(s, TAG_STRING) && s != NULL) string_frees++; }

// A list of n nodes (values 1, 2, …), freed as a whole by cm_list_free, as getaddrinfo's is.
typedef struct cm_node { int value; struct cm_node *next; } cm_node;
EXPORT cm_node *cm_list(int n) {
  cm_node *head = NULL;
  for (int i = n; i >= 1; i--) {
    cm_node *node = tagged_alloc(TAG_NODE, sizeof(cm_node));
    node->value = i;
    node->next = head;
    head = node;
  }
  return head;
}
EXPORT void cm_list_free(cm_node *head) {
  while (head != NULL) {
    cm_node *next = head->next;
    if (tagged_free(head, TAG_NODE)) node_frees++;
    head = next;
  }
}

// Out-parameters, as asprintf, getaddrinfo and SHGetKnownFolderPath fill them. With n >= 0,
// cm_out_string writes a new "<prefix>-<n>" (freed with cm_string_free) into *out and returns 0;
// with n < 0 it fails as careless C does: returns -1 and leaves a pointer that is not a block in
// *out, which must never be adopted (or freed). Without an out-parameter (NULL) it returns -2.
EXPORT int cm_out_string(const char *prefix, int n, char **out) {
  if (out == NULL) return -2;
  if (n < 0) {
    *out = (char *)(uintptr_t)0x10000;
    return -1;
  }
  *out = cm_string(prefix, n);
  return 0;
}
// Writes NULL and fails, as a lookup that finds nothing.
EXPORT int cm_out_null(char **out) {
  *out = NULL;
  return -1;
}
// Fails without touching *out.
EXPORT int cm_out_untouched(char **out) {
  (void)out;
  return -1;
}
// A list of n nodes in *res (freed with cm_list_free), as getaddrinfo's; 0 on success.
EXPORT int cm_out_list(int n, struct cm_node **res) {
  *res = cm_list(n);
  return 0;
}
// Two out-parameters: a buffer of size bytes (cm_buffer_free) and a string (cm_string_free).
EXPORT void cm_out_pair(size_t size, void **buffer, char **text) {
  *buffer = cm_buffer(size, 5);
  *text = cm_string("pair", (int)size);
}

// NULL, for the adoption of NULL.
EXPORT void *cm_null(void) { return NULL; }

EXPORT int cm_live_blocks(void) { return live_blocks; }
EXPORT int cm_buffer_frees(void) { return buffer_frees; }
EXPORT int cm_string_frees(void) { return string_frees; }
EXPORT int cm_node_frees(void) { return node_frees; }
EXPORT int cm_bad_frees(void) { return bad_frees; }
