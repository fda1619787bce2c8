// Keeping the index: opening (and recreating a damaged one), removing
// documents, committing, clearing, and its size. Building documents is in
// index_document.cpp, searching in index_search.cpp.
#include "search/index.hpp"

#include <algorithm>
#include <filesystem>

#include "search/index_internal.hpp"

namespace schakel::search {

void SearchIndex::Impl::load_facets() {
  std::unique_lock lock(facet_mutex);
  std::vector<std::vector<std::uint32_t>> loaded;
  for (auto t = writer.allterms_begin(facet_prefix); t != writer.allterms_end(facet_prefix); ++t) {
    std::string term = *t;
    auto colon = term.find(':');
    if (colon == std::string::npos) continue;
    auto id = value_id(term.substr(1, colon - 1), term.substr(colon + 1));
    for (auto p = writer.postlist_begin(term); p != writer.postlist_end(term); ++p) {
      if (loaded.size() <= *p) loaded.resize(*p + 1);
      loaded[*p].push_back(id);
      value_docs[id].add(*p);
    }
  }
  for (auto& docs : value_docs) docs.runOptimize();
  ++values_version;
  for (std::size_t d = 0; d < loaded.size(); ++d)
    if (!loaded[d].empty()) {
      std::sort(loaded[d].begin(), loaded[d].end());
      loaded[d].erase(std::unique(loaded[d].begin(), loaded[d].end()), loaded[d].end());
      doc_values.set(static_cast<Xapian::docid>(d), loaded[d]);
      set_codes(static_cast<Xapian::docid>(d), loaded[d]);
    }
  ++order_version;
  doc_dates.assign(doc_values.size(), 0);
  for (auto v = writer.valuestream_begin(date_slot); v != writer.valuestream_end(date_slot); ++v)
    if (v.get_docid() < doc_dates.size())
      doc_dates[v.get_docid()] = static_cast<std::int64_t>(Xapian::sortable_unserialise(*v));
}

namespace {

void open_writer(SearchIndex::Impl& impl, int flags) {
  impl.writer = Xapian::WritableDatabase(impl.path, flags);
}

}  // namespace

SearchIndex::SearchIndex(std::string path)
    : path_(std::move(path)), impl_(std::make_unique<Impl>()) {
  impl_->path = path_;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(fs::path(path_).parent_path(), ec);
  const bool existed = fs::exists(fs::path(path_) / "iamglass");
  try {
    open_writer(*impl_, Xapian::DB_CREATE_OR_OPEN);
    impl_->writer.get_doccount();
    // A cheap read of every table: a damaged file usually fails here.
    impl_->writer.get_metadata("position");
    impl_->load_facets();
    recreated_ = !existed;
  } catch (const Xapian::DatabaseLockError& e) {
    throw IndexError("the search index " + path_ + " is in use by another process: " + e.get_msg());
  } catch (const Xapian::Error&) {
    // Derived data: throw it away and start again.
    impl_->writer = Xapian::WritableDatabase();
    fs::remove_all(path_, ec);
    try {
      open_writer(*impl_, Xapian::DB_CREATE_OR_OVERWRITE);
    } catch (const Xapian::Error& e) {
      throw IndexError("cannot create the search index " + path_ + ": " + e.get_msg());
    }
    std::unique_lock lock(impl_->facet_mutex);
    impl_->clear_doc_values();
    recreated_ = true;
  }
  if (impl_->writer.get_metadata("position").empty()) recreated_ = true;
  // Written by an older version with other terms: it needs a full build.
  if (impl_->writer.get_metadata("format") != index_format) recreated_ = true;
}

SearchIndex::~SearchIndex() {
  try {
    impl_->pool.clear();
    impl_->writer.close();
  } catch (...) {
    // Closing only releases the lock and handles; nothing to report.
  }
}

std::int64_t SearchIndex::position() const {
  return guarded("reading the index position", [&]() -> std::int64_t {
    std::lock_guard lock(impl_->writer_mutex);
    auto text = impl_->writer.get_metadata("position");
    if (text.empty()) return -1;
    try {
      return std::stoll(text);
    } catch (const std::exception&) {
      return -1;
    }
  });
}

void SearchIndex::remove(const std::string& key) {
  guarded("removing a document", [&] {
    std::lock_guard lock(impl_->writer_mutex);
    auto term = key_prefix + key;
    std::vector<Xapian::docid> ids;
    for (auto p = impl_->writer.postlist_begin(term); p != impl_->writer.postlist_end(term); ++p)
      ids.push_back(*p);
    impl_->writer.delete_document(term);
    std::unique_lock facets(impl_->facet_mutex);
    for (auto id : ids) impl_->erase_doc_values(id);
  });
}

void SearchIndex::commit(std::int64_t position) {
  guarded("committing the index", [&] {
    std::lock_guard lock(impl_->writer_mutex);
    impl_->writer.set_metadata("position", std::to_string(position));
    impl_->writer.set_metadata("format", index_format);
    impl_->writer.commit();
    impl_->generation.fetch_add(1);
  });
}

void SearchIndex::clear() {
  guarded("clearing the index", [&] {
    std::lock_guard lock(impl_->writer_mutex);
    std::vector<Xapian::docid> ids;
    for (auto p = impl_->writer.postlist_begin(""); p != impl_->writer.postlist_end(""); ++p)
      ids.push_back(*p);
    for (auto id : ids) impl_->writer.delete_document(id);
    // Spelling data of removed words stays; a suggestion is only shown when it finds
    // visible results, so a stale word is never suggested.
    std::unique_lock facets(impl_->facet_mutex);
    impl_->clear_doc_values();
  });
}

std::uint32_t SearchIndex::size() const {
  return guarded("counting documents", [&]() -> std::uint32_t {
    auto reader = impl_->acquire();
    auto n = reader->db.get_doccount();
    impl_->release(std::move(reader));
    return n;
  });
}

std::uint64_t SearchIndex::disk_bytes() const {
  std::uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(path_, ec))
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  return total;
}

}  // namespace schakel::search
