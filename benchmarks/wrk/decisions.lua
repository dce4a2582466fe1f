-- wrk script: POSTs the lines of a JSON-lines request file to /v1/decisions, in turn, each wrk thread
-- starting at its own line. The file comes from the TOLLGATE_REQUESTS environment variable (benchmarks/wrk/run
-- writes the benchmarks' contract mix there). Used by benchmarks/wrk/run; see BENCHMARKS.md.
local lines = {}
for line in io.lines(os.getenv("TOLLGATE_REQUESTS")) do
  if #line > 0 then
    lines[#lines + 1] = line
  end
end
local token = os.getenv("TOLLGATE_TOKEN")
local requests = {}
local next_request = 0

wrk.method = "POST"
wrk.path = "/v1/decisions"
wrk.headers["Content-Type"] = "application/json"
if token then
  wrk.headers["Authorization"] = "Bearer " .. token
end

local thread_count = 0
function setup(thread)
  thread:set("start", thread_count * 977)
  thread_count = thread_count + 1
end

-- Each request is formatted once, here, so that wrk spends its CPU on the sockets rather than on
-- building strings: it shares the machine's cores with the server it measures.
function init(args)
  for i, line in ipairs(lines) do
    requests[i] = wrk.format(nil, nil, nil, line)
  end
  next_request = (start or 0) % #requests
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
