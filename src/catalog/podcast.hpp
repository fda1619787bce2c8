#pragma once
// The podcast feed of the kennisbank: RSS 2.0 with the iTunes namespace, so
// that podcast apps can follow the public episodes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/attachments.hpp"
#include "catalog/types.hpp"

namespace schakel::catalog {

struct Episode {
  Resource resource;
  std::optional<Attachment> audio;  // the audio attachment, when the audio is one
  std::optional<Attachment> image;
};

struct Channel {
  std::string title;
  std::string description;
  std::string author;
  std::string base_url;  // absolute, without a trailing slash
};

// The feed. Episodes without audio are left out (an item needs an enclosure).
std::string podcast_feed(const Channel& channel, const std::vector<Episode>& episodes);

// XML escaping: xml_escape() in catalog/catalog.hpp (defined in feeds.cpp).

// "Tue, 01 Jan 2030 08:00:00 +0000" (RFC 822 with a four-digit year).
std::string rfc822_date(std::int64_t unix_seconds);

}  // namespace schakel::catalog
