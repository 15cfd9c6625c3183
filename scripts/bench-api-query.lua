-- wrk script for scripts/bench-api (queries): each request is a GET path picked at random from the paths file
-- (one per line: /entities?q=..., /quotes?speaker=..., /timeline?entity=...), so caches see varied values.
-- wrk -s bench-api-query.lua URL -- PATHS_FILE ; prints one JSON line with statuses and latency percentiles.
local threads = {}
local counter = 1

function setup(thread)
    thread:set("id", counter)
    counter = counter + 1
    table.insert(threads, thread)
end

function init(args)
    paths = {}
    for line in io.lines(args[1]) do
        if #line > 0 then paths[#paths + 1] = line end
    end
    math.randomseed(id * 7919)
    statuses = {}
end

function request()
    return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
    local counts = {}
    for _, t in ipairs(threads) do
        local s = t:get("statuses")
        for k, v in pairs(s) do counts[tostring(k)] = (counts[tostring(k)] or 0) + v end
    end
    local parts = {}
    for k, v in pairs(counts) do parts[#parts + 1] = string.format('"%s": %d', k, v) end
    io.write(string.format('{"requests": %d, "seconds": %.2f, "per_second": %.1f, "p50_ms": %.1f, "p90_ms": %.1f, '
        .. '"p99_ms": %.1f, "max_ms": %.1f, "socket_errors": %d, "statuses": {%s}}\n',
        summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, summary.errors.connect + summary.errors.read + summary.errors.write
        + summary.errors.timeout, table.concat(parts, ", ")))
end
