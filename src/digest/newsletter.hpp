#pragma once
// The network's newsletter (issue 14): composed by the coordinator from a
// template of the period's news, previewed, tested, sent to a segment through
// the outbox at a controlled rate, and kept in a public archive (/nieuwsbrief).
namespace schakel {
class App;
}

namespace schakel::digest {

// Registers the newsletter's routes and its demo newsletter. Called by
// digest::install.
void install_newsletters(App& app);
// The compose, test and send routes (newsletter_compose_routes.cpp), called by
// install_newsletters.
void install_newsletter_compose(App& app);

}  // namespace schakel::digest
