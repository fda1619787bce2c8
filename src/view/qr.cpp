#include "view/qr.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

#include "view/escape.hpp"

namespace schakel::view {

QrMatrix qr_encode(const std::string& text) {
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(
      QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
  if (!code) throw std::runtime_error("qr: text does not fit");
  QrMatrix m;
  m.size = code->width;
  m.dark.resize(static_cast<std::size_t>(m.size * m.size));
  for (int i = 0; i < m.size * m.size; ++i) m.dark[static_cast<std::size_t>(i)] = code->data[i] & 1;
  return m;
}

std::string qr_svg(const std::string& text, const std::string& label) {
  const QrMatrix m = qr_encode(text);
  const int side = m.size + 8;
  std::string path;
  for (int y = 0; y < m.size; ++y)
    for (int x = 0; x < m.size; ++x)
      if (m.at(x, y))
        path.append("M")
            .append(std::to_string(x + 4))
            .append(" ")
            .append(std::to_string(y + 4))
            .append("h1v1h-1z");
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(side) + " " +
         std::to_string(side) + "\" role=\"img\" aria-label=\"" + xml_escape(label) +
         "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
         "<path fill=\"#000\" d=\"" +
         path + "\"/></svg>";
}

}  // namespace schakel::view
