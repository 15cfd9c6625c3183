// How big each training update of the entity tagger is (NERTrainer.Perceptron). The default is the structured
// perceptron's (Collins 2002): a wrong sentence moves the weights by phi(gold) - phi(predicted), step 1.
// The alternative is the passive-aggressive PA-I step (Crammer et al. 2006), the 1-best MIRA of McDonald et al.
// (2005): the step is the smallest that would make gold outscore the prediction by the prediction's cost (its
// Hamming distance to gold, in tokens), capped at C:
//     tau = min(C, (cost - margin) / ||phi(gold) - phi(predicted)||^2),   margin = score(gold) - score(predicted)
// so a prediction that is nearly right, or already nearly outscored, moves the weights less than a bad one.
// The cost may weigh errors at spans' edges more (boundaryCost): those are what conlleval's F1 counts.
// With loss augmentation the training decoder adds each token's cost to every wrong label's score, so it finds
// the prediction that most violates the margin, not merely the best-scoring one. Weights are averaged either way.
// AROW (Crammer et al. 2009; structured form: Mejer & Crammer 2010) keeps a confidence per weight, a variance that
// starts at 1 and shrinks as the weight is updated: a frequent feature (a word seen 500 times) soon stops moving,
// while a rare one (a cluster path, a shape seen on few names) still moves at full size. The step is
//     alpha = (cost - margin) / (sum_k sigma_k delta_k^2 + r),   w_k += alpha sigma_k delta_k,
//     sigma_k -= sigma_k^2 delta_k^2 / (sum_k sigma_k delta_k^2 + r)
// with r the regularizer (larger: smaller, steadier steps).
public struct NERUpdateRule: Sendable, Equatable {
    /// PA-I's cap C on the step; nil is the plain perceptron (step 1, no cost).
    public var aggressiveness: Double?
    /// Decode training sentences with each wrong label's score raised by its cost (PA only).
    public var lossAugmented: Bool

    /// Extra cost of a wrong token at a span's edge (gold or predicted label B, L or U: the token decides where
    /// an entity starts or ends, or what it is), beyond the Hamming cost of 1 (PA only).
    public var boundaryCost: Double

    /// AROW's regularizer r: per-weight confidences size the step instead of PA-I's cap (nil: PA-I).
    public var arow: Double?

    public static let perceptron = NERUpdateRule(aggressiveness: nil, lossAugmented: false)

    public init(aggressiveness: Double?, lossAugmented: Bool, boundaryCost: Double = 0, arow: Double? = nil) {
        self.aggressiveness = aggressiveness
        self.lossAugmented = lossAugmented
        self.boundaryCost = boundaryCost
        self.arow = arow
    }

    /// The cost of tagging a token `predicted` when it is `gold`: one per wrong token, plus `boundaryCost` when
    /// either label is a span's edge.
    @inline(__always)
    func tokenCost(gold: Int, predicted: Int) -> Float {
        guard gold != predicted else { return 0 }
        return Self.isEdge(gold) || Self.isEdge(predicted) ? 1 + Float(boundaryCost) : 1
    }

    @inline(__always)
    static func isEdge(_ label: Int) -> Bool {
        let part = NERLabels.part(of: label)
        return part == .begin || part == .last || part == .unit
    }

    /// PA-I's step for a prediction of total `cost` that gold outscores by `margin` (negative when the
    /// prediction scores higher), the feature difference having squared norm `normSquared`. Zero when the margin
    /// already covers the cost (nothing to correct) or the difference is empty (nothing to move).
    static func step(cost: Float, margin: Float, normSquared: Float, cap: Float) -> Float {
        let loss = cost - margin
        guard loss > 0, normSquared > 0 else { return 0 }
        return min(cap, loss / normSquared)
    }

    /// The flags that select this rule in `train-ner` (empty for the perceptron).
    public var commandFlags: String {
        guard let c = aggressiveness else { return "" }
        return " --pa-c \(c)" + (lossAugmented ? " --loss-augmented" : "")
            + (boundaryCost != 0 ? " --boundary-cost \(boundaryCost)" : "")
            + (arow.map { " --arow \($0)" } ?? "")
    }
}
