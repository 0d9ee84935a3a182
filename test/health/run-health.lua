-- Runs an Argo CD health script the way Argo CD runs a custom check from
-- argocd-cm, under real Lua 5.1 (Argo CD uses gopher-lua, a Lua 5.1 VM).
--
--   lua5.1 run-health.lua <health.lua>  < object.lua
--
-- stdin is a Lua chunk `return { ... }` holding the resource (health.test.ts
-- writes it from the YAML testdata, since Lua 5.1 has no JSON decoder).
-- Prints "<status>\t<message>" and exits 0, or prints the error to stderr and
-- exits 1.

local function die(msg)
  io.stderr:write("run-health: ", msg, "\n")
  os.exit(1)
end

local scriptPath = arg[1]
if scriptPath == nil then
  die("usage: lua5.1 run-health.lua <health.lua> < object.lua")
end

-- The object is data only: an empty environment means a stray function call
-- in the literal fails instead of touching the runner.
local objChunk, loadErr = loadstring(io.read("*a"), "=object")
if objChunk == nil then
  die("cannot parse object: " .. tostring(loadErr))
end
setfenv(objChunk, {})
local okObj, obj = pcall(objChunk)
if not okObj then
  die("cannot evaluate object: " .. tostring(obj))
end
if type(obj) ~= "table" then
  die("object chunk must return a table, got " .. type(obj))
end

local healthChunk, healthErr = loadfile(scriptPath)
if healthChunk == nil then
  die("cannot load health script: " .. tostring(healthErr))
end

-- Without health.lua.useOpenLibs Argo CD opens only the package, base and
-- table libraries and its "safe" os (time, date). Give the script no more than
-- that, so one that works here also works in Argo CD.
local BASE = {
  "assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall",
  "print", "rawequal", "rawget", "rawset", "select", "setmetatable",
  "tonumber", "tostring", "type", "unpack", "xpcall", "_VERSION",
}
local env = {}
for _, name in ipairs(BASE) do
  env[name] = _G[name]
end
env.table = {}
for k, v in pairs(table) do
  env.table[k] = v
end
env.os = { time = os.time, date = os.date }
env.obj = obj
env._G = env

-- Fail loudly instead of returning nil: in Argo CD a missing library shows
-- up as a runtime error and an Unknown health. Writing globals is refused so
-- the script stays self-contained and typos in local names get caught.
setmetatable(env, {
  __index = function(_, key)
    error("global '" .. tostring(key) .. "' is not available to Argo CD health checks"
      .. " (no useOpenLibs: base, table and os.time/os.date only)", 2)
  end,
  __newindex = function(_, key)
    error("health script sets global '" .. tostring(key) .. "'; use a local", 2)
  end,
})
setfenv(healthChunk, env)

local okRun, hs = pcall(healthChunk)
if not okRun then
  die("health script failed: " .. tostring(hs))
end

-- Argo CD turns any other status into Unknown ("Lua returned an invalid
-- health status"); here that is a test failure.
local VALID = { Healthy = true, Progressing = true, Degraded = true, Suspended = true, Missing = true, Unknown = true }
if type(hs) ~= "table" then
  die("health script must return a table, got " .. type(hs))
end
if not VALID[hs.status] then
  die("invalid health status: " .. tostring(hs.status))
end
if hs.message ~= nil and type(hs.message) ~= "string" then
  die("hs.message must be a string, got " .. type(hs.message))
end

io.write(hs.status, "\t", hs.message or "", "\n")
