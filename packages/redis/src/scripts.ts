import { createHash } from 'node:crypto';

/** A Lua script and its SHA-1, which `EVALSHA` runs without sending the source again. */
export interface Script {
  source: string;
  sha: string;
}

function script(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

// Each key contains one text value: `done`, `lease <expiresAtMs> <token> <stepsJson>` while an attempt
// runs, or `steps <stepsJson>` after a failed one. The lease end is read from the server's
// clock (TIME), so instances with skewed clocks agree on it. The key's own TTL is the retention:
// a lease keeps the longer of the lease and the TTL that its carried steps already had.

/** KEYS[1] the key; ARGV[1] the new token, ARGV[2] the lease in ms. */
export const claimScript = script(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local value = redis.call('GET', KEYS[1])
local steps = '[]'
if value then
  if value == 'done' then return {'completed'} end
  local leaseEnd, leasedSteps = string.match(value, '^lease (%d+) %S+ (.*)$')
  if leaseEnd then
    local remaining = tonumber(leaseEnd) - now
    if remaining > 0 then return {'in_progress', remaining} end
    steps = leasedSteps
  else
    steps = string.match(value, '^steps (.*)$') or '[]'
  end
end
local leaseMs = tonumber(ARGV[2])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < leaseMs then ttl = leaseMs end
local lease = string.format('lease %d %s %s', now + leaseMs, ARGV[1], steps)
redis.call('SET', KEYS[1], lease, 'PX', ttl)
return {'claimed', steps}
`);

/** KEYS[1] the key; ARGV[1] the token, ARGV[2] the steps as JSON, ARGV[3] the retention in ms. */
export const releaseScript = script(`
local value = redis.call('GET', KEYS[1])
if not value then return 0 end
if string.match(value, '^lease %d+ (%S+) ') ~= ARGV[1] then return 0 end
if ARGV[2] == '[]' then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], 'steps ' .. ARGV[2], 'PX', ARGV[3])
end
return 1
`);
