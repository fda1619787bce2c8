#pragma once
// Scheduled work of the training series. Each function is idempotent and safe
// on several nodes (the job runner runs a job on one node at a time).
#include <cstdint>

namespace schakel {
class App;
}

namespace schakel::trainings {

// Mails a reminder to everyone holding a place for a planned session of a
// published series that starts within the next two days; once per session.
// Returns the number of mails queued.
int send_reminders(App& app);
// Deletes the answers to the registration questions of series whose last
// session ended more than a day ago, and guests' confirmations that expired.
// Returns the number of series whose answers were deleted.
int delete_expired_answers(App& app);

}  // namespace schakel::trainings
