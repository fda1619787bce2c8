#include "core/client_key.hpp"

#include <gtest/gtest.h>

namespace schakel {
namespace {

TEST(ClientKey, Ipv4CountsPerAddress) {
  EXPECT_EQ(client_key("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(client_key("127.0.0.1"), "127.0.0.1");
  EXPECT_NE(client_key("192.0.2.7"), client_key("192.0.2.8"));
}

TEST(ClientKey, Ipv6CountsPerSlash64) {
  EXPECT_EQ(client_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  // Every address an attacker can take from one /64 shares the key, in any spelling.
  EXPECT_EQ(client_key("2001:db8:1:2::1"), client_key("2001:DB8:1:2:ffff:ffff:ffff:ffff"));
  EXPECT_EQ(client_key("2001:0db8:0001:0002:0:0:0:9"), "2001:db8:1:2::/64");
  // The next /64 is another client.
  EXPECT_NE(client_key("2001:db8:1:2::1"), client_key("2001:db8:1:3::1"));
  EXPECT_EQ(client_key("::1"), "::/64");
  EXPECT_EQ(client_key("fe80::1%eth0"), "fe80::/64");
}

TEST(ClientKey, Ipv4MappedIpv6CountsAsIpv4) {
  EXPECT_EQ(client_key("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(client_key("::FFFF:c000:0207"), "192.0.2.7");
  EXPECT_NE(client_key("::ffff:192.0.2.7"), client_key("::ffff:192.0.2.8"));
}

TEST(ClientKey, WhatIsNoAddressSharesOneKey) {
  for (const char* bad :
       {"", " ", "192.0.2.7 ", " 192.0.2.7", "192.0.2", "192.0.2.256", "192.0.2.7/24",
        "2001:db8::/64", "2001:db8:::1", "localhost", "schakel.be", "1.2.3.4%eth0",
        "::ffff:192.0.2.7%", "%eth0", "2001:db8:1:2:3:4:5:6:7"})
    EXPECT_EQ(client_key(bad), "unknown") << '"' << bad << '"';
  EXPECT_EQ(client_key(std::string(200, '1')), "unknown");
  EXPECT_EQ(client_key(std::string_view("192.0.2.7\0x", 11)), "unknown");
}

}  // namespace
}  // namespace schakel
