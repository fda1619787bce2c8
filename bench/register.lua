-- wrk script: signed-in registrations for the generated training series
-- (`schakel generate --series N`, slugs "vorming-gen-<n>"), one new series per
-- request so that no registration is refused as a repeat.
--   wrk -t T ... -H "Cookie: ..." -s bench/register.lua URL -- CSRF FIRST COUNT T
-- Thread t (0-based) of T takes FIRST + t, FIRST + t + T, ... below FIRST + COUNT;
-- past that it starts over, and those answers (409) show up in wrk's
-- "Non-2xx or 3xx responses", which scripts/bench reports as failures.
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  csrf, first, count, step = args[1], tonumber(args[2]), tonumber(args[3]), tonumber(args[4])
  counter = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.body = "_csrf=" .. csrf .. "&name=Bench+Professional"
end

function request()
  local n = first + (id + counter * step) % count
  counter = counter + 1
  return wrk.format(nil, "/vorming/vorming-gen-" .. n .. "/inschrijven")
end
