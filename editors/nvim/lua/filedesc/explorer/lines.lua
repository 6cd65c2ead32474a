--- Reading file names out of explorer lines, for when the explorer's API is not at hand.
local M = {}

--- Tree guides and the spaces around them (nvim-tree's and neo-tree's indent markers).
local GUIDES = { '│', '├', '└', '─', '▏', '▎', '┆', '╰', '╭', '' }

--- Drop the tree guides, the icon and the trailing marks (git, diagnostics, symlink target) around a name.
---@param line string
---@return string? name
function M.name_of(line)
  local text = line
  local changed = true
  while changed do
    changed = false
    text = text:gsub('^%s+', '')
    for _, guide in ipairs(GUIDES) do
      if guide ~= '' and text:sub(1, #guide) == guide then
        text = text:sub(#guide + 1)
        changed = true
      end
    end
  end
  -- One icon (any non-ASCII glyph, or a folder arrow) followed by spaces.
  text = text:gsub('^[\128-\255]+%s+', '')
  text = text:gsub('^[>v+-]%s+', '')
  -- A symlink's target, then trailing marks such as git status glyphs or counts.
  for _, arrow in ipairs({ ' ➛ ', ' → ', ' -> ' }) do
    local at = text:find(arrow, 1, true)
    if at then
      text = text:sub(1, at - 1)
    end
  end
  local before
  repeat
    before = text
    text = text:gsub('%s+$', ''):gsub('%s+[\128-\255%*]+$', ''):gsub('%s+%[[%+%-%d]*%]$', '')
    -- neo-tree's git status letters ("  M", "  ??") sit two spaces or more after the name.
    text = text:gsub('%s%s+[MADRCU?!]+$', '')
  until text == before
  text = text:gsub('/$', '')
  if text == '' or text == '..' or text == '.' or text:find('/', 1, true) then
    return nil
  end
  return text
end

--- Entries read from the buffer's lines, the first one (the root folder) left out: nvim-tree's layout, and
--- neo-tree's when its state is not at hand.
---@param bufnr integer
---@return filedesc.Entry[]
function M.entries_after_root(bufnr)
  local entries = {}
  for index, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local name = index > 1 and M.name_of(line) or nil
    if name then
      entries[#entries + 1] = { row = index - 1, name = name }
    end
  end
  return entries
end

return M
