export {
  createNodeHandler,
  type NodeHandler,
  type NodeHandlerOptions,
} from './create-node-handler.js';
