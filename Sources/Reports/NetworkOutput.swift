import Foundation
import MailModel
import Store

/// The communication network as GraphML (for Gephi, yEd, Cytoscape, networkx) and as JSON.
public enum NetworkOutput {
    public static func graphML(nodes: [NetworkNodeRecord], edges: [NetworkEdgeRecord]) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
              <key id="name" for="node" attr.name="name" attr.type="string"/>
              <key id="sent" for="node" attr.name="messages_sent" attr.type="int"/>
              <key id="received" for="node" attr.name="messages_received" attr.type="int"/>
              <key id="pagerank" for="node" attr.name="pagerank" attr.type="double"/>
              <key id="betweenness" for="node" attr.name="betweenness" attr.type="double"/>
              <key id="community" for="node" attr.name="community" attr.type="int"/>
              <key id="owner" for="node" attr.name="is_owner" attr.type="boolean"/>
              <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
              <key id="messages" for="edge" attr.name="messages" attr.type="int"/>
              <key id="strength" for="edge" attr.name="strength" attr.type="double"/>
              <graph id="pstscope" edgedefault="directed">

            """
        for node in nodes {
            out += "    <node id=\"\(xml(node.email))\">\n"
            if let name = node.name { out += "      <data key=\"name\">\(xml(name))</data>\n" }
            out += "      <data key=\"sent\">\(node.messagesSent)</data>\n"
            out += "      <data key=\"received\">\(node.messagesReceived)</data>\n"
            out += "      <data key=\"pagerank\">\(node.pagerank)</data>\n"
            if let betweenness = node.betweenness { out += "      <data key=\"betweenness\">\(betweenness)</data>\n" }
            out += "      <data key=\"community\">\(node.community)</data>\n"
            out += "      <data key=\"owner\">\(node.isOwner)</data>\n"
            out += "    </node>\n"
        }
        for edge in edges {
            out += "    <edge source=\"\(xml(edge.source))\" target=\"\(xml(edge.target))\">\n"
            out += "      <data key=\"weight\">\(edge.weight)</data>\n"
            out += "      <data key=\"messages\">\(edge.messages)</data>\n"
            out += "      <data key=\"strength\">\(edge.strength)</data>\n"
            out += "    </edge>\n"
        }
        return out + "  </graph>\n</graphml>\n"
    }

    public static func json(nodes: [NetworkNodeRecord], edges: [NetworkEdgeRecord]) -> String {
        try! JSONDocument.text(Document(nodes: nodes.map(Node.init), edges: edges))
    }

    /// Edges are written as stored: the record's columns are the document's keys.
    struct Document: Encodable {
        var nodes: [Node]
        var edges: [NetworkEdgeRecord]
    }

    struct Node: Encodable {
        var id: String
        @Nullable var name: String?
        var messagesSent: Int
        var messagesReceived: Int
        var pagerank: Double
        @Nullable var betweenness: Double?
        var community: Int
        var isOwner: Bool

        init(_ node: NetworkNodeRecord) {
            id = node.email
            name = node.name
            messagesSent = node.messagesSent
            messagesReceived = node.messagesReceived
            pagerank = node.pagerank
            betweenness = node.betweenness
            community = node.community
            isOwner = node.isOwner
        }
    }

    static func xml(_ text: String) -> String { Markup.escape(text) }
}
