// The console's bindings, run after web3.min.js: the globals a geth console offers (web3, eth,
// net, personal, admin, txpool, debug, raft, istanbul, console, setTimeout, loadScript) on top of
// web3.js 0.20 and the host (__host: JsConsole), which makes the JSON-RPC requests and runs timers.

var console = (function () {
    function line(args) {
        var parts = [];
        for (var i = 0; i < args.length; i++) {
            parts.push(typeof args[i] === 'string' ? args[i] : __pretty(args[i]));
        }
        return parts.join(' ');
    }
    return {
        log: function () { __host.print(line(arguments)); },
        info: function () { __host.print(line(arguments)); },
        warn: function () { __host.print(line(arguments)); },
        error: function () { __host.print(line(arguments)); }
    };
})();

function __timer(fn, delay, args, repeat) {
    if (typeof fn !== 'function') throw new TypeError('the first argument of a timer must be a function');
    return __host.schedule(function () { fn.apply(null, args); }, Number(delay) || 0, repeat);
}
function setTimeout(fn, delay) { return __timer(fn, delay, Array.prototype.slice.call(arguments, 2), false); }
function setInterval(fn, delay) { return __timer(fn, delay, Array.prototype.slice.call(arguments, 2), true); }
function clearTimeout(id) { if (id !== undefined && id !== null) __host.cancel(id); }
var clearInterval = clearTimeout;

// web3.js 0.20 over the host's synchronous JSON-RPC: send for synchronous calls; sendAsync makes the
// call at once and hands the answer to the callback from the event loop, never from inside the
// caller (web3's contract.new watches a filter whose first answer may already name the receipt).
var __provider = {
    send: function (payload) {
        return JSON.parse(String(__host.send(JSON.stringify(payload))));
    },
    sendAsync: function (payload, callback) {
        var error = null, response;
        try {
            response = this.send(payload);
        } catch (e) {
            error = e instanceof Error ? e : new Error(String(e && e.message || e));
        }
        setTimeout(function () { callback(error, response); }, 0);
    },
    isConnected: function () {
        try { this.send({jsonrpc: '2.0', id: 0, method: 'net_listening', params: []}); return true; } catch (e) { return false; }
    }
};

var Web3 = require('web3');
var web3 = new Web3(__provider);

// The namespaces GoQuorum's console adds to web3.js (method and property names as geth's console has them).
(function () {
    var Method = web3._extend.Method, Property = web3._extend.Property;
    var f = web3._extend.formatters, utils = web3._extend.utils;
    function method(name, call, params, inputFormatter, outputFormatter) {
        return new Method({name: name, call: call, params: params || 0, inputFormatter: inputFormatter, outputFormatter: outputFormatter});
    }
    function property(name, getter, outputFormatter) {
        return new Property({name: name, getter: getter, outputFormatter: outputFormatter});
    }
    web3._extend({property: 'eth', methods: [
        method('chainId', 'eth_chainId', 0, null, utils.toDecimal),
        method('getQuorumPayload', 'eth_getQuorumPayload', 1),
        method('sendRawPrivateTransaction', 'eth_sendRawPrivateTransaction', 2),
        method('fillTransaction', 'eth_fillTransaction', 1, [f.inputTransactionFormatter])
    ]});
    web3._extend({property: 'net', properties: [property('version', 'net_version')]});
    web3._extend({property: 'admin', methods: [
        method('addPeer', 'admin_addPeer', 1),
        method('removePeer', 'admin_removePeer', 1)
    ], properties: [
        property('peers', 'admin_peers'),
        property('nodeInfo', 'admin_nodeInfo'),
        property('datadir', 'admin_datadir')
    ]});
    web3._extend({property: 'txpool', properties: [
        property('content', 'txpool_content'),
        property('status', 'txpool_status', function (status) {
            return {pending: utils.toDecimal(status.pending), queued: utils.toDecimal(status.queued)};
        }),
        property('inspect', 'txpool_inspect')
    ]});
    web3._extend({property: 'debug', methods: [
        method('traceTransaction', 'debug_traceTransaction', 2, [null, function (o) { return o || {}; }]),
        method('traceBlockByNumber', 'debug_traceBlockByNumber', 2, [f.inputBlockNumberFormatter, function (o) { return o || {}; }])
    ]});
    web3._extend({property: 'raft', methods: [
        method('addPeer', 'raft_addPeer', 1),
        method('addLearner', 'raft_addLearner', 1),
        method('promoteToPeer', 'raft_promoteToPeer', 1),
        method('removePeer', 'raft_removePeer', 1)
    ], properties: [
        property('role', 'raft_role'),
        property('leader', 'raft_leader'),
        property('cluster', 'raft_cluster')
    ]});
    web3._extend({property: 'istanbul', methods: [
        method('getSnapshot', 'istanbul_getSnapshot', 1, [f.inputBlockNumberFormatter]),
        method('getValidators', 'istanbul_getValidators', 1, [f.inputBlockNumberFormatter]),
        method('propose', 'istanbul_propose', 2),
        method('discard', 'istanbul_discard', 1)
    ], properties: [
        property('candidates', 'istanbul_candidates'),
        property('nodeAddress', 'istanbul_nodeAddress')
    ]});
})();

var eth = web3.eth, net = web3.net, personal = web3.personal, admin = web3.admin, txpool = web3.txpool;
var debug = web3.debug, raft = web3.raft, istanbul = web3.istanbul;

// geth's loadScript: runs a file in the global scope; true when it ran.
function loadScript(file) {
    __host.evaluate(String(__host.readFile(String(file))), String(file));
    return true;
}

// A block's time as a date: Raft timestamps are nanoseconds unless the genesis says seconds
// (config.raft.timestampUnit); no time in seconds reaches 1e15, so the size tells them apart.
function __blockDate(timestamp) {
    var t = Number(timestamp);
    return new Date(t > 1e15 ? t / 1e6 : t * 1000);
}

function __welcome() {
    console.log('Welcome to the Quorum EE JavaScript console (web3.js ' + web3.version.api + ')!\n');
    try {
        console.log('instance: ' + web3.version.node);
        var accounts = eth.accounts;
        if (accounts.length > 0) console.log('coinbase: ' + accounts[0]);
        var number = eth.blockNumber;
        console.log('at block: ' + number + ' (' + __blockDate(eth.getBlock(number).timestamp).toUTCString() + ')');
        console.log(' connected to: ' + __host.url());
    } catch (e) {
        console.log('warning: ' + (e && e.message || e));
    }
    console.log('\nTo exit, type exit or press ctrl-d');
}

// Values as geth's console prints them: strings quoted, numbers (and BigNumbers) plain, objects
// indented, functions as function(), at most three levels deep.
function __pretty(value) {
    function isBigNumber(v) { return v instanceof web3.BigNumber || (v && v.isBigNumber === true); }
    function format(v, depth, indent, seen) {
        if (v === undefined) return 'undefined';
        if (v === null) return 'null';
        if (typeof v === 'string') return JSON.stringify(v);
        if (typeof v === 'number' || typeof v === 'boolean') return String(v);
        if (typeof v === 'function') return 'function()';
        if (isBigNumber(v)) return v.toString(10);
        if (v instanceof Error) return String(v);
        if (typeof v !== 'object') return String(v);
        if (seen.indexOf(v) >= 0) return '<cycle>';
        if (depth >= 3) return Array.isArray(v) ? '[...]' : '{...}';
        seen = seen.concat([v]);
        var inner = indent + '  ', parts = [], i;
        if (Array.isArray(v)) {
            if (v.length === 0) return '[]';
            for (i = 0; i < v.length; i++) parts.push(format(v[i], depth + 1, inner, seen));
            return '[' + parts.join(', ') + ']';
        }
        var keys = [];
        for (var key in v) keys.push(key);
        if (keys.length === 0) return '{}';
        for (i = 0; i < keys.length; i++) {
            var item;
            try { item = v[keys[i]]; } catch (e) { item = undefined; }
            parts.push(inner + keys[i] + ': ' + format(item, depth + 1, inner, seen));
        }
        return '{\n' + parts.join(',\n') + '\n' + indent + '}';
    }
    return format(value, 0, '', []);
}
