#include "catalog/podcast.hpp"

#include "catalog/catalog.hpp"

#include <cstdio>
#include <ctime>

namespace schakel::catalog {

std::string rfc822_date(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static const char* const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char text[64];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
                tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return text;
}

namespace {

// The audio type of an external URL, from its extension (MP3 when unknown).
std::string audio_type_of(const std::string& url) {
  std::string path = url.substr(0, url.find_first_of("?#"));
  for (auto& c : path) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() &&
           path.compare(path.size() - ext.size(), ext.size(), ext) == 0;
  };
  if (ends(".m4a") || ends(".mp4")) return "audio/mp4";
  if (ends(".ogg") || ends(".oga") || ends(".opus")) return "audio/ogg";
  return "audio/mpeg";
}

}  // namespace

std::string podcast_feed(const Channel& channel, const std::vector<Episode>& episodes) {
  const std::string page = channel.base_url + "/kennisbank";
  std::string x;
  x += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">\n";
  x += "<channel>\n";
  x += "<title>" + xml_escape(channel.title) + "</title>\n";
  x += "<link>" + xml_escape(page) + "</link>\n";
  x += "<description>" + xml_escape(channel.description) + "</description>\n";
  x += "<language>nl-be</language>\n";
  x += "<itunes:author>" + xml_escape(channel.author) + "</itunes:author>\n";
  x += "<itunes:category text=\"Society &amp; Culture\"/>\n";
  x += "<itunes:explicit>false</itunes:explicit>\n";
  // The channel's image: the newest episode's image, when one has any.
  for (const auto& e : episodes) {
    if (!e.image) continue;
    const std::string url = channel.base_url + attachment_path(e.resource.slug, *e.image);
    x += "<itunes:image href=\"" + xml_escape(url) + "\"/>\n";
    x += "<image><url>" + xml_escape(url) + "</url><title>" + xml_escape(channel.title) +
         "</title><link>" + xml_escape(page) + "</link></image>\n";
    break;
  }
  for (const auto& e : episodes) {
    const Resource& r = e.resource;
    std::string url, type, length;
    if (e.audio) {
      url = channel.base_url + attachment_path(r.slug, *e.audio);
      type = e.audio->content_type;
      length = std::to_string(e.audio->size);
    } else if (!r.audio_url.empty()) {
      url = r.audio_url;
      type = audio_type_of(r.audio_url);
      length = "0";  // unknown: the file lives elsewhere
    } else {
      continue;
    }
    x += "<item>\n";
    x += "<title>" + xml_escape(r.title) + "</title>\n";
    x += "<link>" + xml_escape(page + "/" + r.slug) + "</link>\n";
    x += "<description>" + xml_escape(r.summary) + "</description>\n";
    x += "<guid isPermaLink=\"false\">schakel-kennisbank-" + std::to_string(r.id) + "</guid>\n";
    x += "<pubDate>" + rfc822_date(r.published_at.value_or(r.created_at)) + "</pubDate>\n";
    x += "<enclosure url=\"" + xml_escape(url) + "\" length=\"" + length + "\" type=\"" +
         xml_escape(type) + "\"/>\n";
    if (!r.duration.empty())
      x += "<itunes:duration>" + xml_escape(r.duration) + "</itunes:duration>\n";
    if (e.image)
      x += "<itunes:image href=\"" +
           xml_escape(channel.base_url + attachment_path(r.slug, *e.image)) + "\"/>\n";
    x += "</item>\n";
  }
  x += "</channel>\n</rss>\n";
  return x;
}

}  // namespace schakel::catalog
