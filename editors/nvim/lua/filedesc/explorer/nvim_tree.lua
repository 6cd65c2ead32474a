--- nvim-tree (filetype `NvimTree`): line 1 is the root folder, every other line one node.
local lines = require('filedesc.explorer.lines')

local M = {}

---@param bufnr integer
---@return filedesc.Entry[]
function M.entries(bufnr)
  -- The root line ("~/src/project/..") names a path, not an entry.
  return lines.entries_after_root(bufnr)
end

--- The node under the cursor through nvim-tree's API, when nvim-tree is loaded.
---@return filedesc.Entry?
function M.entry_under_cursor(_)
  local ok, api = pcall(require, 'nvim-tree.api')
  if not ok or not api.tree or not api.tree.get_node_under_cursor then
    return nil
  end
  local node = api.tree.get_node_under_cursor()
  if not node or not node.name or node.name == '..' then
    return nil
  end
  return { row = vim.api.nvim_win_get_cursor(0)[1] - 1, name = node.name }
end

return M
