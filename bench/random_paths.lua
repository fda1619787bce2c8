-- wrk script: each request asks a random path from the file given after "--".
-- Used by scripts/bench so that Schakel and nginx get the same mix of pages.
local paths = {}

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(math.floor(os.clock() * 1000000) + #paths)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
