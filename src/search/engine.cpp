#include "search/engine.hpp"

#include <set>

#include <spdlog/spdlog.h>

#include "core/clock.hpp"
#include "core/embedded.hpp"
#include "core/log.hpp"
#include "search/synonym_store.hpp"

namespace schakel::search {

SearchEngine::SearchEngine(store::Database& db)
    : db_(db), synonyms_(std::make_shared<const Synonyms>()) {}

SearchEngine::~SearchEngine() = default;

void SearchEngine::add_source(DocumentSource source) { sources_.push_back(std::move(source)); }

void SearchEngine::open(const std::string& path, const Progress& progress, bool force) {
  index_ = std::make_unique<SearchIndex>(path);
  position_ = index_->position();
  seed_thesaurus();
  reload_synonyms();
  // An index ahead of the change feed describes another database (a restore,
  // an import, a pg_restore): catching up would keep its documents.
  const std::int64_t latest =
      db_.run([](soci::session& sql) { return store::latest_change_id(sql); });
  if (force || index_->recreated() || position_ > latest) {
    log::app()->info("search index {} is new, damaged or of another database: building it", path);
    rebuild(progress);
  } else {
    catch_up();
  }
}

void SearchEngine::seed_thesaurus() {
  const auto* file = embedded::find(thesaurus_path);
  if (!file) return;
  const std::string text(file->data);
  const int version = thesaurus_version(text);
  if (version <= 0) return;
  const bool changed = db_.transact([&](soci::session& sql) {
    return search::seed_thesaurus(sql, text, version, SystemClock().now());
  });
  if (changed) log::app()->info("synonym list: added the field's thesaurus, version {}", version);
}

void SearchEngine::rebuild(const Progress& progress) {
  // The position first: changes made during the build are applied afterwards.
  std::int64_t position = 0;
  std::int64_t total = 0;
  db_.run([&](soci::session& sql) {
    position = store::latest_change_id(sql);
    for (const auto& source : sources_) total += source.count(sql);
  });
  index_->clear();
  std::int64_t done = 0;
  if (progress) progress(0, total);
  db_.run([&](soci::session& sql) {
    for (const auto& source : sources_)
      source.all(sql, [&](const IndexDocument& doc) {
        index_->put(doc);
        ++done;
        if (progress && (done % 500 == 0 || done == total)) progress(done, total);
      });
  });
  if (progress && done != total) progress(done, done);
  index_->commit(position);
  position_ = position;
  catch_up();
}

void SearchEngine::catch_up() {
  for (;;) {
    std::vector<store::Change> batch;
    db_.run([&](soci::session& sql) { batch = store::changes_after(sql, position_.load(), 1000); });
    if (batch.empty()) return;
    apply(batch);
  }
}

void SearchEngine::apply(const std::vector<store::Change>& changes) {
  if (!index_ || changes.empty()) return;
  std::set<std::pair<std::size_t, std::string>> touched;  // (source, entity id)
  bool synonyms_changed = false;
  for (const auto& change : changes) {
    if (change.entity == "synonyms") synonyms_changed = true;
    for (std::size_t s = 0; s < sources_.size(); ++s)
      if (sources_[s].entity == change.entity) touched.emplace(s, change.entity_id);
  }
  if (synonyms_changed) reload_synonyms();
  if (!touched.empty()) {
    db_.run([&](soci::session& sql) {
      for (const auto& [s, id] : touched) {
        auto doc = sources_[s].one(sql, id);
        if (doc)
          index_->put(*doc);
        else
          index_->remove(sources_[s].key(id));
      }
    });
  }
  // Most changes (registrations, memberships) touch no document: the index is
  // only written when one did. The position it stores may then lag behind;
  // catching up at the next start reads those changes again and skips them.
  if (!touched.empty()) index_->commit(changes.back().id);
  position_ = changes.back().id;
}

SearchOutcome SearchEngine::search(const SearchQuery& query) const {
  if (!index_) return {};
  std::shared_ptr<const Synonyms> synonyms;
  {
    std::shared_lock lock(synonyms_mutex_);
    synonyms = synonyms_;
  }
  return index_->search(query, *synonyms);
}

std::string SearchEngine::synonyms_text() const {
  // From the database, so an edit on another node shows at once.
  return db_.run([](soci::session& sql) { return load_synonyms(sql); });
}

void SearchEngine::reload_synonyms() {
  std::string text = db_.run([](soci::session& sql) { return load_synonyms(sql); });
  auto parsed = Synonyms::parse(text);
  std::unique_lock lock(synonyms_mutex_);
  synonyms_text_ = text;
  // A stored list always parsed when it was saved; keep the old one otherwise.
  if (parsed) synonyms_ = std::make_shared<const Synonyms>(std::move(parsed.value()));
}

Status SearchEngine::save_synonyms(const std::string& text, std::int64_t user_id,
                                   std::int64_t now) {
  auto parsed = Synonyms::parse(text);
  if (!parsed) return parsed.error();
  db_.transact([&](soci::session& sql) { search::save_synonyms(sql, text, user_id, now); });
  if (index_) reload_synonyms();
  return ok_status();
}

}  // namespace schakel::search
