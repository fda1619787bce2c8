// Building documents: the terms put() writes for a document's words (stems,
// compound parts, diminutive bases, bracket words), facets and stored data.
#include <algorithm>

#include "search/decompound.hpp"
#include "search/index_internal.hpp"
#include "search/text.hpp"

namespace schakel::search {

namespace {

Xapian::Stem& stemmer() {
  // Xapian::Stem keeps state while stemming: one per thread.
  thread_local Xapian::Stem dutch("dutch");
  return dutch;
}

}  // namespace

// The stem of a folded word, remembered per thread (Xapian's stemmer is the
// costliest step of marking snippets).
std::string stem_of(const std::string& word) {
  thread_local std::unordered_map<std::string, std::string> memo;
  auto it = memo.find(word);
  if (it != memo.end()) return it->second;
  if (memo.size() > 200'000) memo.clear();
  return memo.emplace(word, stemmer()(word)).first->second;
}

// diminutive_bases() with a per-thread memo (empty when `word` is no diminutive).
const std::vector<std::string>& bases_of(const std::string& word) {
  thread_local std::unordered_map<std::string, std::vector<std::string>> memo;
  auto it = memo.find(word);
  if (it != memo.end()) return it->second;
  if (memo.size() > 200'000) memo.clear();
  return memo.emplace(word, diminutive_bases(word, Dictionary::dutch())).first->second;
}

// The stems a word is searched by: those of its base words when it is a
// diminutive ("postkaartjes" → "postkaart"), so diminutives meet their base
// word; its own stem otherwise.
std::vector<std::string> search_stems(const std::string& word) {
  const auto& bases = bases_of(word);
  if (bases.empty()) return {stem_of(word)};
  std::vector<std::string> out;
  for (const auto& base : bases) out.push_back(stem_of(base));
  return out;
}

// compound_parts() with a per-thread memo: running text repeats its words, and
// indexing or marking snippets asks for the same words again and again.
const std::vector<std::string>& parts_of(const std::string& word) {
  thread_local std::unordered_map<std::string, std::vector<std::string>> memo;
  auto it = memo.find(word);
  if (it != memo.end()) return it->second;
  if (memo.size() > 200'000) memo.clear();
  return memo.emplace(word, compound_parts(word, Dictionary::dutch())).first->second;
}

std::string facet_term(const std::string& facet, const std::string& value) {
  return (facet_prefix + facet + ":" + value).substr(0, max_term_bytes);
}

bool is_digits(const std::string& w) {
  return std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void SearchIndex::put(const IndexDocument& doc) {
  guarded("indexing a document", [&] {
    Xapian::Document xdoc;
    Xapian::termpos pos = 1;
    std::set<std::string> spelled;
    // The stems a word is found by: its own, its diminutive's base word, and
    // those of the parts of either when it is a compound.
    auto add_stems = [&](const std::string& w, int weight) {
      xdoc.add_term(stem_prefix + stem_of(w), weight);
      for (const auto& part : parts_of(w)) {
        xdoc.add_term(stem_prefix + stem_of(part), weight);
        spelled.insert(part);
      }
      for (const auto& base : bases_of(w)) {
        xdoc.add_term(stem_prefix + stem_of(base), weight);
        for (const auto& part : parts_of(base)) xdoc.add_term(stem_prefix + stem_of(part), weight);
      }
    };
    for (const auto& field : doc.fields) {
      for (const auto& token : tokenize(field.text)) {
        const auto& w = token.word;
        if (w.size() > max_term_bytes) continue;
        xdoc.add_posting(w, pos++, field.weight);
        if (w.size() >= 4 && !is_digits(w)) spelled.insert(w);
        add_stems(w, field.weight);
      }
      // "mis(be)handeling" is also found as "mishandeling" and "misbehandeling".
      for (const auto& bracketed : bracket_words(field.text)) {
        if (bracketed.with.size() > max_term_bytes) continue;
        for (const auto* form : {&bracketed.without, &bracketed.with}) {
          xdoc.add_term(*form, field.weight);
          spelled.insert(*form);
          add_stems(*form, field.weight);
        }
        // The compound part the bracketed letters fall in, with them:
        // "ouderenmis(be)handeling" is ouderen + mishandeling, so also
        // "misbehandeling" (which the word list does not know).
        const auto inserted =
            bracketed.with.substr(bracketed.at, bracketed.with.size() - bracketed.without.size());
        std::size_t from = 0;
        for (const auto& part : parts_of(bracketed.without)) {
          const auto begin = bracketed.without.find(part, from);
          if (begin == std::string::npos) break;
          from = begin + part.size();
          if (bracketed.at < begin || bracketed.at >= from) continue;
          std::string with_part = part;
          with_part.insert(bracketed.at - begin, inserted);
          xdoc.add_term(stem_prefix + stem_of(with_part), field.weight);
          spelled.insert(with_part);
          break;
        }
      }
      pos += field_gap;
    }
    xdoc.add_boolean_term(key_prefix + doc.key);
    for (const auto& [facet, value] : doc.facets) xdoc.add_boolean_term(facet_term(facet, value));
    // Also as a facet value, so the in-memory table knows who may see it.
    xdoc.add_boolean_term(facet_term(visibility_facet, doc.visibility));
    xdoc.add_value(date_slot, Xapian::sortable_serialise(static_cast<double>(doc.date)));
    std::string data = doc.key;
    data += '\0';
    data += doc.snippet_source;
    data += '\0';
    data += doc.data;
    xdoc.set_data(data);

    std::lock_guard lock(impl_->writer_mutex);
    // Each word once per process: Xapian's spelling table is costly to update
    // and only needs to know that a word exists (suggestions are verified).
    for (const auto& w : spelled)
      if (impl_->spelled.insert(w).second) impl_->writer.add_spelling(w);
    auto id = impl_->writer.replace_document(key_prefix + doc.key, xdoc);
    std::unique_lock facets(impl_->facet_mutex);
    std::vector<std::uint32_t> ids;
    for (const auto& [facet, value] : doc.facets) ids.push_back(impl_->value_id(facet, value));
    ids.push_back(impl_->value_id(visibility_facet, doc.visibility));
    impl_->set_doc_values(id, std::move(ids), doc.date);
  });
}

}  // namespace schakel::search
