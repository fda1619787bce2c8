-- wrk script: the same form posted again and again, each time with the marker
-- BENCHN in the body replaced by a per-thread random tag and a counter, so that
-- every post is a real change (e.g. a kennisbank resource saved with a new summary).
--   wrk ... -H "Cookie: ..." -s bench/post_form.lua URL -- PATH BODY_FILE
-- The body file is url-encoded (bench/form_body.py writes one).
function init(args)
  path = args[1]
  local file = assert(io.open(args[2], "rb"))
  body = file:read("*a")
  file:close()
  counter = 0
  -- The address of a fresh table differs per thread (each has its own Lua state).
  math.randomseed(math.floor(os.clock() * 1000000) + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
  tag = math.random(1000000)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  counter = counter + 1
  local marked = body:gsub("BENCHN", tag .. "-" .. counter)
  return wrk.format(nil, path, nil, marked)
end
