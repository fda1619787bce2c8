#pragma once
// A look at the search index from outside the server that keeps it (for
// `schakel doctor`): read-only, so it works while `serve` holds the write lock.
#include <cstdint>
#include <string>

namespace schakel::search {

// What inspect_index found.
struct IndexFacts {
  bool exists = false;  // the folder holds an index
  bool opens = false;   // Xapian could open and read it
  std::string problem;  // why it did not open, when it did not
  std::uint32_t documents = 0;
  std::int64_t position = -1;  // the change-feed position it reflects; -1 when never committed
};

// Opens the index folder `path` read-only and reads its size and position.
// Never throws; never changes the folder.
IndexFacts inspect_index(const std::string& path);

}  // namespace schakel::search
