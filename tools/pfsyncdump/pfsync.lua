-- SPDX-License-Identifier: BSD-2-Clause
-- Wireshark/tshark dissector for OpenBSD pfsync version 6 (IP protocol 240),
-- written from the layouts of if_pfsync.h 1.65 / pfvar.h 1.543 (see
-- docs/pfsync.md), independently of lib/pfsync. Wireshark 4.0 has none.
--   tshark -X lua_script:tools/pfsyncdump/pfsync.lua -r FILE -V
-- or copy it to ~/.local/lib/wireshark/plugins/.
-- Also shows carp-router's authentication in pfcksum (counter + 8-byte tag).

local p = Proto("pfsync", "OpenBSD pfsync v6")

local actions = {
  [0] = "CLR ST", [1] = "INS ST OLD", [2] = "INS ST ACK", [3] = "UPD ST OLD",
  [4] = "UPD ST COMP", [5] = "UPD ST REQ", [6] = "DEL ST", [7] = "DEL ST COMP",
  [8] = "INS FR", [9] = "DEL FR", [10] = "BULK UPD STAT", [11] = "UPD TDB OLD",
  [12] = "EOF", [13] = "INS ST", [14] = "UPD ST", [15] = "UPD TDB",
}
-- the message size OpenBSD's receiver expects; nil = no handler (skipped)
local sizes = { [0] = 20, [2] = 12, [4] = 84, [5] = 12, [6] = 264, [7] = 12, [10] = 12,
                [13] = 264, [14] = 264, [15] = 52 }
local afs = { [2] = "inet", [24] = "inet6" }
local dirs = { [0] = "inout", [1] = "in", [2] = "out" }
local bus_status = { [1] = "start", [2] = "end" }

local F = {}
local function u8(n, d, vs) F[n] = ProtoField.uint8("pfsync." .. n, d, base.DEC, vs) end
local function u16(n, d) F[n] = ProtoField.uint16("pfsync." .. n, d) end
local function u32(n, d) F[n] = ProtoField.uint32("pfsync." .. n, d) end
local function x32(n, d) F[n] = ProtoField.uint32("pfsync." .. n, d, base.HEX) end
local function u64(n, d) F[n] = ProtoField.uint64("pfsync." .. n, d) end
local function x64(n, d) F[n] = ProtoField.uint64("pfsync." .. n, d, base.HEX) end
local function str(n, d) F[n] = ProtoField.string("pfsync." .. n, d) end

u8("version", "Version"); u16("len", "Length")
F.pfcksum = ProtoField.bytes("pfsync.pfcksum", "pfcksum")
x64("auth.counter", "Authentication counter")
F["auth.tag"] = ProtoField.bytes("pfsync.auth.tag", "Authentication tag (HMAC-SHA256/64)")
u8("action", "Action", actions); u8("mlen", "Message length (32-bit words)")
u16("count", "Count")
x64("id", "State id"); x32("creatorid", "Creator id"); str("ifname", "Interface")
-- state keys: wire and stack
for _, k in ipairs({ "wire", "stack" }) do
  F[k .. ".addr0.v4"] = ProtoField.ipv4("pfsync." .. k .. ".addr0", k .. " addr[0]")
  F[k .. ".addr1.v4"] = ProtoField.ipv4("pfsync." .. k .. ".addr1", k .. " addr[1]")
  F[k .. ".addr0.v6"] = ProtoField.ipv6("pfsync." .. k .. ".addr0v6", k .. " addr[0]")
  F[k .. ".addr1.v6"] = ProtoField.ipv6("pfsync." .. k .. ".addr1v6", k .. " addr[1]")
  u16(k .. ".port0", k .. " port[0]"); u16(k .. ".port1", k .. " port[1]")
  u16(k .. ".rdomain", k .. " rdomain"); u8(k .. ".af", k .. " af", afs)
end
for _, s in ipairs({ "src", "dst" }) do
  u16(s .. ".pfss_flags", s .. " scrub flags"); u8(s .. ".pfss_ttl", s .. " scrub ttl")
  u8(s .. ".scrub_flag", s .. " scrub valid"); u32(s .. ".pfss_ts_mod", s .. " scrub ts_mod")
  u32(s .. ".seqlo", s .. " seqlo"); u32(s .. ".seqhi", s .. " seqhi")
  u32(s .. ".seqdiff", s .. " seqdiff"); u16(s .. ".max_win", s .. " max_win")
  u16(s .. ".mss", s .. " mss"); u8(s .. ".state", s .. " state"); u8(s .. ".wscale", s .. " wscale")
end
F["rt_addr.v4"] = ProtoField.ipv4("pfsync.rt_addr", "rt_addr")
F["rt_addr.v6"] = ProtoField.ipv6("pfsync.rt_addr6", "rt_addr")
u32("rule", "Rule"); u32("anchor", "Anchor"); u32("nat_rule", "NAT rule")
u32("creation", "Age (s)"); u32("expire", "Expires in (s)")
u64("packets0", "Packets [0]"); u64("packets1", "Packets [1]")
u64("bytes0", "Bytes [0]"); u64("bytes1", "Bytes [1]")
F.rtableid0 = ProtoField.int32("pfsync.rtableid0", "rtableid [0]")
F.rtableid1 = ProtoField.int32("pfsync.rtableid1", "rtableid [1]")
u16("max_mss", "max_mss"); u8("af", "Address family", afs); u8("proto", "Protocol")
u8("direction", "Direction", dirs); u8("log", "Log"); u8("rt", "Route-to")
u8("timeout", "Timeout class"); F.sync_flags = ProtoField.uint8("pfsync.sync_flags", "sync_flags", base.HEX)
u8("updates", "Updates"); u8("min_ttl", "min_ttl"); u8("set_tos", "set_tos")
F.state_flags = ProtoField.uint16("pfsync.state_flags", "State flags", base.HEX)
u8("set_prio0", "set_prio [0]"); u8("set_prio1", "set_prio [1]")
u32("endtime", "End time"); u8("bus_status", "Bulk status", bus_status)
x32("spi", "SPI"); u64("rpl", "Replay counter"); u64("cur_bytes", "Bytes")

local list = {}
for _, f in pairs(F) do list[#list + 1] = f end
p.fields = list

local e_short = ProtoExpert.new("pfsync.short", "Shorter than the pfsync header",
                                expert.group.MALFORMED, expert.severity.ERROR)
local e_badlen = ProtoExpert.new("pfsync.badlen", "Length beyond the packet",
                                 expert.group.MALFORMED, expert.severity.ERROR)
local e_badact = ProtoExpert.new("pfsync.badact", "Unknown action that cannot be skipped",
                                 expert.group.MALFORMED, expert.severity.ERROR)
local e_skip = ProtoExpert.new("pfsync.skipped", "Subheader skipped by len x count",
                               expert.group.UNDECODED, expert.severity.NOTE)
p.experts = { e_short, e_badlen, e_badact, e_skip }

local function addr(t, name, af, tvb)
  if af == 24 then t:add(F[name .. ".v6"], tvb) else t:add(F[name .. ".v4"], tvb(0, 4)) end
end

local function key(t, k, tvb)
  local af = tvb(38, 1):uint()
  local kt = t:add(p, tvb, k .. " key")
  addr(kt, k .. ".addr0", af, tvb(0, 16)); addr(kt, k .. ".addr1", af, tvb(16, 16))
  kt:add(F[k .. ".port0"], tvb(32, 2)); kt:add(F[k .. ".port1"], tvb(34, 2))
  kt:add(F[k .. ".rdomain"], tvb(36, 2)); kt:add(F[k .. ".af"], tvb(38, 1))
end

local function peer(t, s, tvb)
  local pt = t:add(p, tvb, s .. " peer")
  pt:add(F[s .. ".pfss_flags"], tvb(0, 2)); pt:add(F[s .. ".pfss_ttl"], tvb(2, 1))
  pt:add(F[s .. ".scrub_flag"], tvb(3, 1)); pt:add(F[s .. ".pfss_ts_mod"], tvb(4, 4))
  pt:add(F[s .. ".seqlo"], tvb(8, 4)); pt:add(F[s .. ".seqhi"], tvb(12, 4))
  pt:add(F[s .. ".seqdiff"], tvb(16, 4)); pt:add(F[s .. ".max_win"], tvb(20, 2))
  pt:add(F[s .. ".mss"], tvb(22, 2)); pt:add(F[s .. ".state"], tvb(24, 1))
  pt:add(F[s .. ".wscale"], tvb(25, 1))
end

local function state(t, tvb)
  local af = tvb(250, 1):uint()
  t:add(F.id, tvb(0, 8)); t:add(F.ifname, tvb(8, 16))
  key(t, "wire", tvb(24, 40)); key(t, "stack", tvb(64, 40))
  peer(t, "src", tvb(104, 32)); peer(t, "dst", tvb(136, 32))
  addr(t, "rt_addr", af, tvb(168, 16))
  t:add(F.rule, tvb(184, 4)); t:add(F.anchor, tvb(188, 4)); t:add(F.nat_rule, tvb(192, 4))
  t:add(F.creation, tvb(196, 4)); t:add(F.expire, tvb(200, 4))
  t:add(F.packets0, tvb(204, 8)); t:add(F.packets1, tvb(212, 8))
  t:add(F.bytes0, tvb(220, 8)); t:add(F.bytes1, tvb(228, 8))
  t:add(F.creatorid, tvb(236, 4))
  t:add(F.rtableid0, tvb(240, 4)); t:add(F.rtableid1, tvb(244, 4))
  t:add(F.max_mss, tvb(248, 2)); t:add(F.af, tvb(250, 1)); t:add(F.proto, tvb(251, 1))
  t:add(F.direction, tvb(252, 1)); t:add(F.log, tvb(253, 1)); t:add(F.rt, tvb(254, 1))
  t:add(F.timeout, tvb(255, 1)); t:add(F.sync_flags, tvb(256, 1)); t:add(F.updates, tvb(257, 1))
  t:add(F.min_ttl, tvb(258, 1)); t:add(F.set_tos, tvb(259, 1))
  t:add(F.state_flags, tvb(260, 2)); t:add(F.set_prio0, tvb(262, 1)); t:add(F.set_prio1, tvb(263, 1))
end

local decode = {
  [0] = function(t, m) t:add(F.ifname, m(0, 16)); t:add(F.creatorid, m(16, 4)) end,
  [2] = function(t, m) t:add(F.id, m(0, 8)); t:add(F.creatorid, m(8, 4)) end,
  [4] = function(t, m)
    t:add(F.id, m(0, 8)); peer(t, "src", m(8, 32)); peer(t, "dst", m(40, 32))
    t:add(F.creatorid, m(72, 4)); t:add(F.expire, m(76, 4)); t:add(F.timeout, m(80, 1))
    t:add(F.state_flags, m(81, 1))
  end,
  [6] = state, [13] = state, [14] = state,
  [10] = function(t, m)
    t:add(F.creatorid, m(0, 4)); t:add(F.endtime, m(4, 4)); t:add(F.bus_status, m(8, 1))
  end,
  [15] = function(t, m)
    t:add(F.spi, m(0, 4)); t:add(F.rpl, m(32, 8)); t:add(F.cur_bytes, m(40, 8))
  end,
}
decode[5] = decode[2]; decode[7] = decode[2]

function p.dissector(tvb, pinfo, tree)
  pinfo.cols.protocol = "PFSYNC"
  local t = tree:add(p, tvb(), "OpenBSD pfsync")
  if tvb:len() < 20 then t:add_proto_expert_info(e_short); return end
  t:add(F.version, tvb(0, 1))
  local len = tvb(2, 2):uint()
  t:add(F.len, tvb(2, 2))
  t:add(F.pfcksum, tvb(4, 16))
  if tvb(4, 16):bytes():tohex() ~= string.rep("00", 16) then
    t:add(F["auth.counter"], tvb(4, 8)); t:add(F["auth.tag"], tvb(12, 8))
  end
  if tvb(0, 1):uint() ~= 6 then pinfo.cols.info = "pfsync version " .. tvb(0, 1):uint(); return end
  if len > tvb:len() then t:add_proto_expert_info(e_badlen); return end
  local off, info = 20, {}
  while len - off >= 4 do
    local action, mlen, count = tvb(off, 1):uint(), tvb(off + 1, 1):uint() * 4, tvb(off + 2, 2):uint()
    local st = t:add(p, tvb(off, 4), (actions[action] or ("UNKNOWN " .. action)) .. " x" .. count)
    st:add(F.action, tvb(off, 1)); st:add(F.mlen, tvb(off + 1, 1)); st:add(F.count, tvb(off + 2, 2))
    off = off + 4
    local want = sizes[action]
    local skip = action >= 16 or want == nil or mlen < want
    if skip and (action >= 16 or (want ~= nil and mlen < want)) and (count == 0 or mlen == 0) then
      st:add_proto_expert_info(e_badact); break
    end
    if mlen * count > len - off then st:add_proto_expert_info(e_badlen); break end
    info[#info + 1] = (actions[action] or tostring(action)) .. " x" .. count
    if skip then
      if mlen * count > 0 then st:add_proto_expert_info(e_skip) end
    else
      for i = 0, count - 1 do
        local m = tvb(off + i * mlen, mlen)
        decode[action](st:add(p, m, (actions[action]) .. " [" .. i .. "]"), m)
      end
    end
    off = off + mlen * count
  end
  pinfo.cols.info = "pfsync " .. table.concat(info, ", ")
end

DissectorTable.get("ip.proto"):add(240, p)
